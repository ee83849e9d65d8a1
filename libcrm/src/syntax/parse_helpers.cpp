// Shared pieces of the reader: errors, ids, the token cursor, scores,
// suggestions for misspelt keywords, and name=value sets.
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "crm/syntax/parser.h"

namespace crm::syntax::detail {

void fail(const Token& at, const std::string& problem) {
    fail(at.line, at.column, problem);
}
void fail(int line, int column, const std::string& problem) {
    // Messages quote the offending text; a megabyte-long token is cut so
    // the error stays readable.
    constexpr std::size_t kMax = 400;
    std::string shown = problem.size() > kMax ? problem.substr(0, kMax) +
                                                    fmt::format("... ({} bytes)", problem.size())
                                              : problem;
    throw SyntaxError{where(line, column) + ": " + shown};
}

std::string Ids::make(const std::string& base) {
    std::string id = base;
    // Suffixes below next_[base] are all taken already: ids are never
    // released, so the search resumes where it stopped (linear, not
    // quadratic, for thousands of same-named ops).
    if (taken(id)) {
        int& n = next_[base];
        do {
            id = fmt::format("{}-{}", base, n++);
        } while (taken(id));
    }
    reserve(id);
    return id;
}

const Token& Cursor::next(std::string_view what) {
    if (done())
        fail(st_.end_line, st_.end_column, fmt::format("missing {}", what));
    return st_.tokens[i_++];
}

void Cursor::expect_end(std::string_view context) {
    if (!done())
        fail(peek(), fmt::format("unexpected '{}' {}", peek().text, context));
}

namespace {

// XML ids (NCName-ish): what Pacemaker's schema accepts for an id.
bool valid_id(std::string_view id) {
    if (id.empty())
        return false;
    auto first = static_cast<unsigned char>(id[0]);
    if (!(std::isalpha(first) || id[0] == '_'))
        return false;
    return std::all_of(id.begin(), id.end(), [](char ch) {
        auto u = static_cast<unsigned char>(ch);
        return std::isalnum(u) || ch == '_' || ch == '-' || ch == '.';
    });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

void declare(Draft& d, const Token& id_token) {
    declare(d, id_token, id_token.text);
}

void declare(Draft& d, const Token& at, const std::string& id) {
    declare(d, at, id, false);
}

void declare(Draft& d, const Token& at, const std::string& id, bool node) {
    // Node ids are corosync's node ids ("1") or UUIDs: not XML ids.
    bool ok = node ? !id.empty() && id.find_first_of(" \t\"'") == std::string::npos : valid_id(id);
    if (!ok)
        fail(at, fmt::format("'{}' is not a valid id (a letter or '_', then letters, digits, "
                             "'.', '_' or '-')",
                             id));
    auto [it, fresh] = d.declared.emplace(id, at);
    if (!fresh)
        fail(at, fmt::format("duplicate id '{}' (first defined at {})", id, where(it->second)));
    d.ids.reserve(id);
}

std::string suggestion(std::string_view word, std::initializer_list<std::string_view> candidates) {
    std::string_view best;
    std::size_t best_distance = 3;
    for (auto cand : candidates) {
        // The distance is at least the difference in length: skip the
        // (quadratic) computation when that alone rules the candidate out.
        std::size_t diff =
            word.size() > cand.size() ? word.size() - cand.size() : cand.size() - word.size();
        if (diff >= best_distance)
            continue;
        std::size_t dist = edit_distance(word, cand);
        if (dist < best_distance && dist < cand.size()) {
            best = cand;
            best_distance = dist;
        }
    }
    if (best.empty())
        return {};
    return fmt::format("; did you mean '{}'?", best);
}

namespace {

bool is_inf(std::string_view lower) {
    return lower == "inf" || lower == "infinity";
}

}  // namespace

bool looks_like_score(std::string_view text) {
    std::string lower = text.empty() ? std::string() : std::string(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::string_view v = lower;
    if (!v.empty() && (v[0] == '+' || v[0] == '-'))
        v.remove_prefix(1);
    if (is_inf(v))
        return true;
    // Pacemaker clamps big integers to +/-INFINITY; beyond 18 digits a
    // "score" is not a number anyone meant.
    return !v.empty() && v.size() <= 18 && std::all_of(v.begin(), v.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch)) != 0;
    });
}

std::string normalise_score(const Token& t, std::string_view text) {
    if (!looks_like_score(text))
        fail(t, fmt::format("bad score '{}' (an integer, inf or -inf)", text));
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::string_view v = lower;
    bool negative = !v.empty() && v[0] == '-';
    if (!v.empty() && (v[0] == '+' || v[0] == '-'))
        v.remove_prefix(1);
    if (is_inf(v))
        return negative ? "-INFINITY" : "INFINITY";
    return std::string(text);
}

void add_nvpair(xml::Node& set, Draft& d, const Token& assignment) {
    std::string name = assignment.name();
    if (name.empty())
        fail(assignment, fmt::format("missing name before '=' in '{}'", assignment.text));
    xml::Node pair("nvpair");
    pair.set_attr("id", d.ids.make(set.attr("id") + "-" + name));
    pair.set_attr("name", name);
    pair.set_attr("value", assignment.value());
    set.add_child(std::move(pair));
}

xml::Node read_nvset(Cursor& c, Draft& d, const std::string& element, const std::string& owner) {
    xml::Node set(element);
    if (!c.done() && c.peek().is_assignment() && c.peek().name() == "$id") {
        const Token& t = c.next("$id");
        declare(d, t, t.value());
        set.set_attr("id", t.value());
    } else {
        set.set_attr("id", d.ids.make(owner + "-" + element));
    }
    while (!c.done() && c.peek().is_assignment())
        add_nvpair(set, d, c.next("name=value"));
    return set;
}

}  // namespace crm::syntax::detail
