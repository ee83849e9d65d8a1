#include "text_diff.h"

#include <algorithm>
#include <vector>

#include "crm/common/strings.h"

namespace vigil {

std::string line_diff(const std::string& before, const std::string& after, int context) {
    std::vector<std::string> a = crm::split(before, '\n');
    std::vector<std::string> b = crm::split(after, '\n');
    // Trim the common head and tail first: a CLI change touches a few lines
    // of a CIB that may have thousands, and the LCS table is quadratic.
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head])
        ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
    if (n == 0 && m == 0)
        return {};
    std::vector<std::string> ops;  // each "  x", "- x", "+ x"
    if (n * m <= 4'000'000) {
        std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1
                                                       : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        std::size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[head + i] == b[head + j]) {
                ops.push_back("  " + a[head + i]);
                ++i, ++j;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.push_back("+ " + b[head + j++]);
            } else {
                ops.push_back("- " + a[head + i++]);
            }
        }
    } else {
        for (std::size_t i = 0; i < n; ++i)
            ops.push_back("- " + a[head + i]);
        for (std::size_t j = 0; j < m; ++j)
            ops.push_back("+ " + b[head + j]);
    }
    std::vector<std::string> lines;
    for (std::size_t k = std::max<std::size_t>(head, context) - context; k < head; ++k)
        lines.push_back("  " + a[k]);
    // Collapse long unchanged runs inside the changed region.
    std::size_t k = 0;
    while (k < ops.size()) {
        if (ops[k][0] != ' ') {
            lines.push_back(ops[k++]);
            continue;
        }
        std::size_t run = k;
        while (run < ops.size() && ops[run][0] == ' ')
            ++run;
        std::size_t len = run - k;
        if (len > static_cast<std::size_t>(2 * context + 1)) {
            for (std::size_t x = k; x < k + context; ++x)
                lines.push_back(ops[x]);
            lines.push_back("  ...");
            for (std::size_t x = run - context; x < run; ++x)
                lines.push_back(ops[x]);
        } else {
            for (std::size_t x = k; x < run; ++x)
                lines.push_back(ops[x]);
        }
        k = run;
    }
    for (std::size_t x = 0; x < static_cast<std::size_t>(context) && x < tail; ++x)
        lines.push_back("  " + a[a.size() - tail + x]);
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

}  // namespace vigil
