#include "ipc_server.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace vigild {
namespace {

// Supplementary groups of a process, from /proc/PID/status ("Groups:").
std::vector<gid_t> groups_of(pid_t pid) {
    std::vector<gid_t> out;
    std::ifstream in(fmt::format("/proc/{}/status", pid));
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("Groups:", 0) != 0)
            continue;
        std::istringstream s(line.substr(7));
        gid_t g = 0;
        while (s >> g)
            out.push_back(g);
    }
    return out;
}

}  // namespace

bool peer_allowed(uid_t uid, gid_t gid, const std::vector<gid_t>& groups,
                  std::optional<gid_t> haclient) {
    if (uid == 0)
        return true;
    if (!haclient)
        return false;
    return gid == *haclient || std::find(groups.begin(), groups.end(), *haclient) != groups.end();
}

IpcServer::~IpcServer() {
    for (auto& [id, c] : conns_)
        ::close(c.fd);
    if (listen_fd_ >= 0) {
        ::close(listen_fd_);
        ::unlink(path_.c_str());
    }
}

crm::Status IpcServer::listen(const std::string& path) {
    path_ = path;
    if (path.size() >= sizeof(sockaddr_un{}.sun_path)) {
        return crm::Error{fmt::format("socket path {} is too long", path)};
    }
    if (auto slash = path.rfind('/'); slash != std::string::npos && slash > 0) {
        ::mkdir(path.substr(0, slash).c_str(), 0755);
    }
    if (group* g = ::getgrnam("haclient"))
        haclient_ = g->gr_gid;
    listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (listen_fd_ < 0)
        return crm::Error{fmt::format("socket: {}", std::strerror(errno))};
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size());
    ::unlink(path.c_str());  // a stale socket from a killed daemon
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        return crm::Error{fmt::format("bind {}: {}", path, std::strerror(errno))};
    }
    ::chmod(path.c_str(), 0660);
    if (haclient_ && ::chown(path.c_str(), 0, *haclient_) != 0) {
        log_.push_back(fmt::format("chown {} to root:haclient: {}", path, std::strerror(errno)));
    }
    if (!haclient_)
        log_.push_back("no haclient group on this system: the socket is root-only");
    if (::listen(listen_fd_, 64) != 0) {
        return crm::Error{fmt::format("listen {}: {}", path, std::strerror(errno))};
    }
    return crm::ok_status();
}

void IpcServer::add_pollfds(std::vector<pollfd>& fds) const {
    if (listen_fd_ >= 0)
        fds.push_back({listen_fd_, POLLIN, 0});
    for (const auto& [id, c] : conns_) {
        // A refused peer is watched for hang-up only (POLLRDHUP: it closed,
        // even with bytes of its own still unread here).
        short ev = c.refused ? POLLRDHUP : c.close_after_flush ? 0 : POLLIN;
        if (!c.out.empty())
            ev |= POLLOUT;
        fds.push_back({c.fd, ev, 0});
    }
}

bool IpcServer::handle(const pollfd& p) {
    if (p.fd == listen_fd_) {
        if (p.revents & POLLIN)
            accept_one();
        return true;
    }
    for (auto& [id, c] : conns_) {
        if (c.fd != p.fd)
            continue;
        const std::uint64_t cid = id;
        if (c.refused) {
            // Never read: flush the refusal, close on hang-up or error.
            if (p.revents & POLLOUT)
                write_to(c);
            if (c.out.empty())
                ::shutdown(c.fd, SHUT_WR);
            if (p.revents & (POLLHUP | POLLERR | POLLIN | POLLRDHUP))
                close_conn(cid);
            return true;
        }
        if (p.revents & POLLOUT)
            write_to(c);
        if (p.revents & (POLLIN | POLLHUP | POLLERR))
            read_from(cid, c);
        auto it = conns_.find(cid);
        if (it != conns_.end() && it->second.close_after_flush && it->second.out.empty()) {
            close_conn(cid);
        }
        return true;
    }
    return false;
}

void IpcServer::accept_one() {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0)
        return;
    ucred cred{};
    socklen_t len = sizeof cred;
    Conn c;
    c.fd = fd;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) {
        c.allowed = peer_allowed(cred.uid, cred.gid, groups_of(cred.pid), haclient_);
        c.who = fmt::format("uid {} gid {} pid {}", cred.uid, cred.gid, cred.pid);
    } else {
        c.who = fmt::format("an unknown peer ({})", std::strerror(errno));
    }
    const std::uint64_t id = next_id_++;
    const bool allowed = c.allowed;
    conns_.emplace(id, std::move(c));
    if (!allowed)
        refuse(id);
}

// The peer's credentials are checked before a byte of its request is
// read: nothing it sends reaches the frame reader or the XML parser. It
// gets a short refusal (request id 0: its id is never looked at); the
// write side is shut so it reads the refusal and then end-of-file, and the
// connection is closed when it hangs up (or to make room for another).
void IpcServer::refuse(std::uint64_t id) {
    Conn& c = conns_.at(id);
    log_.push_back(fmt::format("refused IPC connection from {}: not root or haclient", c.who));
    c.refused = true;
    c.close_after_flush = true;
    reply(id, crm::ipc::refusal(0, crm::ipc::Rc::permission_denied,
                                "permission denied: vigild accepts requests from root "
                                "and members of the haclient group only"));
    if (c.out.empty())
        ::shutdown(c.fd, SHUT_WR);
    std::vector<std::uint64_t> refused;
    for (const auto& [cid, conn] : conns_) {
        if (conn.refused)
            refused.push_back(cid);
    }
    if (refused.size() > max_refused)
        close_conn(refused.front());
}

void IpcServer::read_from(std::uint64_t id, Conn& c) {
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(c.fd, buf, sizeof buf);
        if (n > 0) {
            c.reader.feed(std::string_view(buf, static_cast<std::size_t>(n)));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // EOF or error: the client has gone; answers still pending are dropped.
        close_conn(id);
        return;
    }
    for (;;) {
        auto next = c.reader.next();
        if (!next) {
            reply(id, crm::ipc::refusal(0, crm::ipc::Rc::invalid_request, next.error()));
            c.close_after_flush = true;
            return;
        }
        if (!*next)
            return;
        const std::string& doc = **next;
        auto request = crm::ipc::decode_request(doc);
        if (!request) {
            reply(id, crm::ipc::refusal(crm::ipc::peek_request_id(doc),
                                        crm::ipc::Rc::invalid_request, request.error()));
            continue;
        }
        handler_(id, *request);
        if (!conns_.contains(id))
            return;
    }
}

void IpcServer::write_to(Conn& c) {
    while (!c.out.empty()) {
        ssize_t n = ::write(c.fd, c.out.data(), c.out.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                c.out.clear();
            return;
        }
        c.out.erase(0, static_cast<std::size_t>(n));
    }
}

void IpcServer::reply(std::uint64_t conn, const crm::ipc::Response& response) {
    auto it = conns_.find(conn);
    if (it == conns_.end())
        return;
    it->second.out += crm::ipc::frame(crm::ipc::encode_response(response));
    write_to(it->second);
}

void IpcServer::close_conn(std::uint64_t id) {
    auto it = conns_.find(id);
    if (it == conns_.end())
        return;
    ::close(it->second.fd);
    conns_.erase(it);
}

std::vector<std::string> IpcServer::take_log() {
    std::vector<std::string> out;
    out.swap(log_);
    return out;
}

}  // namespace vigild
