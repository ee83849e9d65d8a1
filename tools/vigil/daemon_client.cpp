#include "daemon_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace vigil {

namespace {

constexpr const char* kUnreachable = "cannot reach vigild";

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
};

}  // namespace

bool is_unreachable(const std::string& message) {
    return message.rfind(kUnreachable, 0) == 0;
}

crm::Result<crm::ipc::Response> daemon_call(const crm::ipc::Request& request, int timeout_ms) {
    std::string path =
        crm::ipc::socket_path(std::getenv(std::string(crm::ipc::socket_env_var).c_str()));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path))
        return crm::Error{std::string(kUnreachable) + ": socket path '" + path + "' is too long"};
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    Fd s;
    s.fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s.fd < 0)
        return crm::Error{std::string(kUnreachable) + ": socket: " + std::strerror(errno)};
    if (::connect(s.fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
        return crm::Error{std::string(kUnreachable) + " at " + path + ": " + std::strerror(errno) +
                          " (is vigild running? start it, set VIGIL_SOCKET, or work on a file "
                          "with CIB_file=PATH)"};
    std::string out = crm::ipc::frame(crm::ipc::encode_request(request));
    std::size_t sent = 0;
    while (sent < out.size()) {
        ssize_t n = ::send(s.fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return crm::Error{std::string(kUnreachable) + ": send: " + std::strerror(errno)};
        sent += static_cast<std::size_t>(n);
    }
    crm::ipc::FrameReader reader;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    char buf[65536];
    for (;;) {
        auto doc = reader.next();
        if (!doc)
            return crm::Error{"bad answer from vigild: " + doc.error()};
        if (doc->has_value()) {
            auto resp = crm::ipc::decode_response(**doc);
            if (!resp)
                return crm::Error{"bad answer from vigild: " + resp.error()};
            return resp;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0)
            return crm::Error{"vigild did not answer within " + std::to_string(timeout_ms) + " ms"};
        pollfd p{s.fd, POLLIN, 0};
        int r = ::poll(&p, 1, static_cast<int>(left));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        ssize_t n = ::recv(s.fd, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return crm::Error{"vigild closed the connection before answering"};
        reader.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    }
}

}  // namespace vigil
