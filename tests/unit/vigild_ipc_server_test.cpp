#include <catch2/catch.hpp>

#include <grp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>

#include "crm/ipc/protocol.h"
#include "ipc_server.h"

TEST_CASE("vigild ipc: root and haclient members are allowed, others are not",
          "[vigild][ipc-server]") {
    const gid_t haclient = 189;
    CHECK(vigild::peer_allowed(0, 0, {}, haclient));
    CHECK(vigild::peer_allowed(0, 0, {}, std::nullopt));
    CHECK(vigild::peer_allowed(1000, haclient, {}, haclient));          // primary group
    CHECK(vigild::peer_allowed(1000, 1000, {27, haclient}, haclient));  // supplementary
    CHECK_FALSE(vigild::peer_allowed(1000, 1000, {27, 100}, haclient));
    // Without a haclient group only root may talk to the daemon.
    CHECK_FALSE(vigild::peer_allowed(1000, 189, {189}, std::nullopt));
}

// A peer outside root/haclient sends a frame header announcing 4 GB, which
// a reader would refuse as a protocol error ("frame: ..."): the answer is
// still the permission refusal, so nothing it sent was read or parsed.
// The peer can also send after being refused (no EPIPE), then reads the
// refusal and end-of-file.
TEST_CASE("vigild ipc: a refused peer is answered before anything it sends is read",
          "[vigild][ipc-server]") {
    if (::geteuid() != 0)
        FAIL("this test runs as root (it switches a child to the nobody user)");
    char tmpl[] = "/tmp/vigil-ipcs-XXXXXX";
    const std::string dir = ::mkdtemp(tmpl);
    ::chmod(dir.c_str(), 0755);
    const std::string path = dir + "/vigild.sock";
    int handled = 0;
    vigild::IpcServer server([&](std::uint64_t, const crm::ipc::Request&) { ++handled; });
    REQUIRE(server.listen(path).ok());
    (void)server.take_log();
    REQUIRE(::chmod(path.c_str(), 0666) == 0);  // let the daemon's own check decide

    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(out[0]);
        if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
            _exit(3);
        int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::memcpy(addr.sun_path, path.c_str(), path.size());
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
            _exit(4);
        ::usleep(200 * 1000);  // let the daemon refuse first
        const char huge[] = {'\xff', '\xff', '\xff', '\xff', '<', 'x'};
        if (::send(fd, huge, sizeof huge, MSG_NOSIGNAL) != static_cast<ssize_t>(sizeof huge))
            _exit(5);
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0) {
            if (::write(out[1], buf, static_cast<std::size_t>(n)) != n)
                _exit(6);
        }
        _exit(n == 0 ? 0 : 7);
    }
    ::close(out[1]);
    int status = -1;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
        if (::waitpid(child, &status, WNOHANG) == child)
            break;
        std::vector<pollfd> fds;
        server.add_pollfds(fds);
        ::poll(fds.data(), fds.size(), 50);
        for (const auto& p : fds) {
            if (p.revents)
                server.handle(p);
        }
    }
    if (!WIFEXITED(status)) {
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
    }
    std::string bytes;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(out[0], buf, sizeof buf)) > 0)
        bytes.append(buf, static_cast<std::size_t>(n));
    ::close(out[0]);
    std::filesystem::remove_all(dir);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    crm::ipc::FrameReader reader;
    reader.feed(bytes);
    auto doc = reader.next();
    REQUIRE(doc.ok());
    REQUIRE(*doc);
    auto answer = crm::ipc::decode_response(**doc);
    REQUIRE(answer.ok());
    CHECK(answer->rc == crm::ipc::Rc::permission_denied);
    CHECK(answer->id == 0);
    CHECK_THAT(answer->message, Catch::Contains("haclient"));
    CHECK(handled == 0);
    auto log = server.take_log();
    REQUIRE(log.size() == 1);
    CHECK_THAT(log[0], Catch::Contains("refused IPC connection from uid 65534"));
}
