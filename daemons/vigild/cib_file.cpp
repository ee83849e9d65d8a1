#include "cib_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "crm/cib/digest.h"

namespace vigild {
namespace {

using crm::Error;

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

crm::Status write_synced(const std::string& path, const std::string& data) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{fmt::format("{}: open: {}", path, std::strerror(errno))};
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            ::close(fd);
            return Error{fmt::format("{}: write: {}", path, std::strerror(e))};
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        int e = errno;
        ::close(fd);
        return Error{fmt::format("{}: fsync: {}", path, std::strerror(e))};
    }
    ::close(fd);
    return crm::ok_status();
}

crm::Status fsync_dir(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Error{fmt::format("{}: open: {}", dir, std::strerror(errno))};
    int rc = ::fsync(fd);
    int e = errno;
    ::close(fd);
    if (rc != 0)
        return Error{fmt::format("{}: fsync: {}", dir, std::strerror(e))};
    return crm::ok_status();
}

}  // namespace

LoadedCib load_cib(const std::string& dir, const Validator& validator, const std::string& stamp) {
    LoadedCib out;
    const std::string path = dir + "/cib.xml";
    auto text = read_file(path);
    if (!text)
        return out;  // a node that never had a CIB
    std::string problem;
    const std::string actual = crm::sha256_hex(*text);
    auto sig = read_file(path + ".sig");
    // A crash between the two renames of save_cib leaves the new file with
    // the new digest still in the temporary signature file.
    auto sig_tmp = read_file(path + ".sig.tmp");
    if (!sig) {
        problem = "no digest file cib.xml.sig";
    } else if (trimmed(*sig) != actual && !(sig_tmp && trimmed(*sig_tmp) == actual)) {
        problem = fmt::format("digest mismatch (file {}, cib.xml.sig says {})",
                              actual.substr(0, 12), trimmed(*sig).substr(0, 12));
    }
    std::optional<crm::xml::Node> cib;
    if (problem.empty()) {
        auto parsed = crm::xml::parse(*text);
        if (!parsed) {
            problem = parsed.error();
        } else if (parsed->name != "cib") {
            problem = fmt::format("root element is <{}>, not <cib>", parsed->name);
        } else if (auto v = crm::ipc::cib_version_of(*parsed); !v) {
            problem = v.error();
        } else if (std::string bad = validator ? validator(*parsed) : std::string(); !bad.empty()) {
            problem = "invalid: " + bad;
        } else {
            cib = std::move(*parsed);
        }
    }
    if (!problem.empty()) {
        const std::string backup = fmt::format("{}.refused-{}", path, stamp);
        ::rename(path.c_str(), backup.c_str());
        if (sig)
            ::rename((path + ".sig").c_str(), (backup + ".sig").c_str());
        out.log.push_back(
            fmt::format("refusing {}: {}; kept as {}; this node will take the cluster's copy", path,
                        problem, backup));
        return out;
    }
    out.cib = std::move(cib);
    return out;
}

crm::Status save_cib(const std::string& dir, const crm::xml::Node& cib) {
    const std::string path = dir + "/cib.xml";
    const std::string text = crm::xml::to_string(cib, true);
    const std::string digest = crm::sha256_hex(text) + "\n";
    if (auto st = write_synced(path + ".tmp", text); !st)
        return st;
    if (auto st = write_synced(path + ".sig.tmp", digest); !st)
        return st;
    if (::rename((path + ".tmp").c_str(), path.c_str()) != 0) {
        return Error{fmt::format("{}: rename: {}", path, std::strerror(errno))};
    }
    if (::rename((path + ".sig.tmp").c_str(), (path + ".sig").c_str()) != 0) {
        return Error{fmt::format("{}.sig: rename: {}", path, std::strerror(errno))};
    }
    return fsync_dir(dir);
}

}  // namespace vigild
