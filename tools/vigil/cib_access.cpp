#include "cib_access.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli.h"
#include "crm/edit/property_edit.h"
#include "daemon_client.h"

namespace vigil {

namespace {

constexpr int kDaemonTimeoutMs = 30000;

int daemon_failure(const std::string& message) {
    return fail(is_unreachable(message) ? kExitUnreachable : kExitError, message);
}

int rc_to_exit(crm::ipc::Rc rc) {
    switch (rc) {
        case crm::ipc::Rc::ok:
            return kExitOk;
        case crm::ipc::Rc::invalid_cib:
            return kExitInvalidConfig;
        case crm::ipc::Rc::not_found:
            return kExitNotFound;
        case crm::ipc::Rc::timeout:
            return kExitTimeout;
        case crm::ipc::Rc::unavailable:
            return kExitUnreachable;
        default:
            return kExitError;
    }
}

}  // namespace

std::string cib_file_from_env() {
    const char* f = std::getenv("CIB_file");
    return f && *f ? f : "";
}

std::optional<std::string> read_text(const std::string& path, std::string* error) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = "cannot read '" + path + "': " + std::strerror(errno);
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool write_file_atomic(const std::string& path, const std::string& content, unsigned mode,
                       std::string* error) {
    // The temp file lives next to the target so rename() stays atomic.
    std::string tmp = path + ".vigil-tmp." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        *error = "cannot write '" + tmp + "': " + std::strerror(errno);
        return false;
    }
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = "cannot write '" + tmp + "': " + std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    ::fchmod(fd, mode);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        *error = "cannot flush '" + tmp + "': " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return false;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        *error = "cannot replace '" + path + "': " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return false;
    }
    return true;
}

int load_cib(CibSource& out, bool with_status) {
    out.file = cib_file_from_env();
    if (!out.file.empty()) {
        if (::access(out.file.c_str(), F_OK) != 0)
            return fail(kExitNotFound, "CIB_file '" + out.file + "' does not exist (" +
                                           std::strerror(errno) +
                                           "); point CIB_file at a CIB, e.g. one saved with "
                                           "'vigil cib show > FILE'");
        auto doc = crm::xml::parse_file(out.file);
        if (!doc)
            return fail(kExitInvalidConfig, "CIB_file '" + out.file + "': " + doc.error());
        if (doc->name != "cib")
            return fail(kExitInvalidConfig, "CIB_file '" + out.file + "' holds <" + doc->name +
                                                "> instead of a <cib> document");
        out.cib = std::move(*doc);
        return kExitOk;
    }
    crm::ipc::Request req;
    req.op = with_status ? crm::ipc::Op::status : crm::ipc::Op::cib_query;
    req.id = 1;
    auto resp = daemon_call(req, kDaemonTimeoutMs);
    if (!resp)
        return daemon_failure(resp.error());
    if (resp->rc != crm::ipc::Rc::ok)
        return fail(
            rc_to_exit(resp->rc),
            "vigild refused " + std::string(crm::ipc::op_name(req.op)) + ": " + resp->message);
    if (!resp->cib)
        return fail(kExitError, "vigild answered without a CIB");
    out.cib = std::move(*resp->cib);
    out.status = resp->status;
    return kExitOk;
}

int save_cib(const CibSource& source, const crm::xml::Node& updated) {
    crm::xml::Node next = crm::edit::bump_epoch(updated);
    if (!source.file.empty()) {
        // Refuse to overwrite a change made by someone else since we read it
        // (the daemon does the same with expect-epoch).
        auto now = crm::xml::parse_file(source.file);
        if (now && (now->attr("epoch") != source.cib.attr("epoch") ||
                    now->attr("admin_epoch") != source.cib.attr("admin_epoch") ||
                    now->attr("num_updates") != source.cib.attr("num_updates")))
            return fail(kExitError, "CIB_file '" + source.file +
                                        "' changed while this command ran; run it again");
        struct stat st {};
        unsigned mode = ::stat(source.file.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0600;
        std::string error;
        if (!write_file_atomic(source.file, crm::xml::to_string(next) + "\n", mode, &error))
            return fail(kExitError, error);
        return kExitOk;
    }
    crm::ipc::Request req;
    req.op = crm::ipc::Op::cib_replace;
    req.id = 2;
    auto version = crm::ipc::cib_version_of(source.cib);
    if (version)
        req.expect_epoch = *version;
    req.cib = next;
    auto resp = daemon_call(req, kDaemonTimeoutMs);
    if (!resp)
        return daemon_failure(resp.error());
    if (resp->rc == crm::ipc::Rc::conflict)
        return fail(kExitError,
                    "the CIB changed while this command ran (" + resp->message + "); run it again");
    if (resp->rc != crm::ipc::Rc::ok)
        return fail(rc_to_exit(resp->rc), "vigild refused the change: " + resp->message);
    return kExitOk;
}

}  // namespace vigil
