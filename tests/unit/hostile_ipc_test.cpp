// Hostile IPC: what a buggy or malicious local client could send vigild's
// socket. Framing errors close the connection with a reason; a request in
// another protocol version or with an unknown op is refused with a reason;
// a peer that is neither root nor in haclient is refused and logged.
#include <catch2/catch.hpp>

#include <grp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>

#include "crm/ipc/protocol.h"
#include "ipc_server.h"

namespace fs = std::filesystem;
namespace ipc = crm::ipc;

namespace {

std::string be32(std::uint32_t n) {
    std::string s(4, '\0');
    s[0] = static_cast<char>(n >> 24);
    s[1] = static_cast<char>(n >> 16);
    s[2] = static_cast<char>(n >> 8);
    s[3] = static_cast<char>(n);
    return s;
}

const std::string status_doc = R"(<vigil-request version="1" op="status" id="7"/>)";

}  // namespace

TEST_CASE("hostile ipc: bad frame lengths are protocol errors before any body arrives",
          "[hostile][ipc]") {
    for (std::uint32_t n : {0u, 16u * 1024 * 1024 + 1, 0x7fffffffu, 0xffffffffu}) {
        INFO("length " << n);
        ipc::FrameReader reader;
        reader.feed(be32(n));  // only the header: the reader must not wait for 4 GB
        auto r = reader.next();
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::StartsWith("frame: "));
    }
    // Exactly the limit is allowed (and waits for its body).
    ipc::FrameReader reader;
    reader.feed(be32(16u * 1024 * 1024));
    auto r = reader.next();
    REQUIRE(r.ok());
    CHECK_FALSE(*r);
}

TEST_CASE("hostile ipc: truncated frames never yield a partial document", "[hostile][ipc]") {
    const std::string framed = ipc::frame(status_doc);
    for (std::size_t cut = 0; cut < framed.size(); ++cut) {
        ipc::FrameReader reader;
        reader.feed(framed.substr(0, cut));
        auto r = reader.next();
        REQUIRE(r.ok());
        CHECK_FALSE(*r);
        CHECK(reader.pending() == cut);
        // The rest arrives later, one byte at a time: one whole document.
        for (std::size_t i = cut; i < framed.size(); ++i)
            reader.feed(framed.substr(i, 1));
        auto done = reader.next();
        REQUIRE(done.ok());
        REQUIRE(*done);
        CHECK(**done == status_doc);
    }
    // A frame whose length is shorter than its XML: the cut document is refused.
    ipc::FrameReader reader;
    reader.feed(be32(20) + status_doc);
    auto doc = reader.next();
    REQUIRE(doc.ok());
    REQUIRE(*doc);
    auto req = ipc::decode_request(**doc);
    REQUIRE_FALSE(req.ok());
    CHECK_THAT(req.error(), Catch::Contains("not well-formed"));
}

TEST_CASE("hostile ipc: another protocol version is refused with the reason", "[hostile][ipc]") {
    for (const char* version : {"2", "0", "", "1.0", " 1", "01", "999999999999999999999"}) {
        INFO("version '" << version << "'");
        auto r = ipc::decode_request(std::string("<vigil-request version=\"") + version +
                                     "\" op=\"status\" id=\"3\"/>");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains("unsupported protocol version") &&
                                  Catch::Contains("speaks version 1"));
        // The refusal can still be matched to the request.
        CHECK(ipc::peek_request_id(std::string("<vigil-request version=\"") + version +
                                   "\" op=\"status\" id=\"3\"/>") == 3);
    }
    auto missing = ipc::decode_request(R"(<vigil-request op="status" id="3"/>)");
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error(), Catch::Contains("missing attribute 'version'"));
    auto response = ipc::decode_response(R"(<vigil-response version="2" id="1" rc="0"/>)");
    REQUIRE_FALSE(response.ok());
    CHECK_THAT(response.error(), Catch::Contains("unsupported protocol version"));
}

TEST_CASE("hostile ipc: unknown ops and smuggled fields are refused", "[hostile][ipc]") {
    for (const char* op : {"shutdown", "", "CIB-QUERY", "status;reboot", "$(reboot)"}) {
        INFO("op '" << op << "'");
        auto r = ipc::decode_request(std::string("<vigil-request version=\"1\" op=\"") + op +
                                     "\" id=\"1\"/>");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains("unknown operation"));
    }
    const char* bad[] = {
        R"(<vigil-request version="1" op="status" id="-1"/>)",
        R"(<vigil-request version="1" op="status" id="18446744073709551616"/>)",
        R"(<vigil-request version="1" op="status" id="1" uid="0"/>)",
        R"(<vigil-request version="1" op="status" id="1"><cib/></vigil-request>)",
        R"(<vigil-request version="1" op="cib-replace" id="1"/>)",
        R"(<vigil-request version="1" op="cib-replace" id="1"><cib/><cib/></vigil-request>)",
        R"(<vigil-request version="1" op="wait" id="1" timeout-ms="0"/>)",
        R"(<vigil-request version="1" op="wait" id="1" timeout-ms="99999999999999"/>)",
        R"(<vigil-request version="1" op="cleanup" id="1" resource=""/>)",
        R"(<vigil-response version="1" op="status" id="1"/>)",
    };
    for (const char* doc : bad) {
        INFO(doc);
        auto r = ipc::decode_request(doc);
        REQUIRE_FALSE(r.ok());
        CHECK_FALSE(r.error().empty());
    }
}

TEST_CASE("hostile ipc: only root and haclient members may use the daemon", "[hostile][ipc]") {
    const gid_t haclient = 4242;
    CHECK(vigild::peer_allowed(0, 0, {}, haclient));
    CHECK(vigild::peer_allowed(0, 0, {}, std::nullopt));
    CHECK(vigild::peer_allowed(1000, haclient, {}, haclient));
    CHECK(vigild::peer_allowed(1000, 1000, {27, haclient}, haclient));
    CHECK_FALSE(vigild::peer_allowed(1000, 1000, {27, 100}, haclient));
    CHECK_FALSE(vigild::peer_allowed(65534, 65534, {}, haclient));
    // Without a haclient group only root is let in, whatever the gid.
    CHECK_FALSE(vigild::peer_allowed(1000, 0, {0}, std::nullopt));
}

namespace {

struct SocketDir {
    fs::path dir;
    SocketDir() {
        char tmpl[] = "/tmp/vigil-hipc-XXXXXX";
        dir = mkdtemp(tmpl);
        ::chmod(dir.c_str(), 0755);
    }
    ~SocketDir() { fs::remove_all(dir); }
};

int connect_to(const std::string& path) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size());
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Runs the server until `done` says so or 10 s pass.
template <typename Done>
void serve(vigild::IpcServer& server, Done done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < until) {
        std::vector<pollfd> fds;
        server.add_pollfds(fds);
        ::poll(fds.data(), fds.size(), 50);
        for (const auto& p : fds) {
            if (p.revents)
                server.handle(p);
        }
    }
}

// Reads one framed response (blocking, with the server served meanwhile).
std::optional<ipc::Response> read_response(vigild::IpcServer& server, int fd) {
    ipc::FrameReader reader;
    std::optional<std::string> doc;
    serve(server, [&] {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 0) > 0) {
            char buf[4096];
            ssize_t n = ::read(fd, buf, sizeof buf);
            if (n > 0)
                reader.feed(std::string_view(buf, static_cast<std::size_t>(n)));
            auto next = reader.next();
            if (next && *next)
                doc = **next;
            return doc.has_value() || n <= 0;
        }
        return false;
    });
    if (!doc)
        return std::nullopt;
    auto r = ipc::decode_response(*doc);
    if (!r)
        return std::nullopt;
    return *r;
}

}  // namespace

TEST_CASE("hostile ipc: the daemon's socket answers a bad version and a bad frame with reasons",
          "[hostile][ipc][vigild]") {
    SocketDir d;
    const std::string path = (d.dir / "vigild.sock").string();
    int handled = 0;
    vigild::IpcServer server([&](std::uint64_t, const ipc::Request&) { ++handled; });
    REQUIRE(server.listen(path).ok());
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0660);

    int fd = connect_to(path);
    REQUIRE(fd >= 0);
    const std::string v2 = R"(<vigil-request version="2" op="status" id="11"/>)";
    REQUIRE(::write(fd, ipc::frame(v2).data(), v2.size() + 4) ==
            static_cast<ssize_t>(v2.size() + 4));
    auto answer = read_response(server, fd);
    REQUIRE(answer);
    CHECK(answer->id == 11);
    CHECK(answer->rc == ipc::Rc::invalid_request);
    CHECK_THAT(answer->message, Catch::Contains("unsupported protocol version"));
    CHECK(handled == 0);

    // A frame length over the limit: refused, then the connection is closed.
    const std::string huge = be32(0xfffffff0u);
    REQUIRE(::write(fd, huge.data(), huge.size()) == 4);
    auto refused = read_response(server, fd);
    REQUIRE(refused);
    CHECK(refused->rc == ipc::Rc::invalid_request);
    CHECK_THAT(refused->message, Catch::Contains("exceeds the limit"));
    char byte = 0;
    serve(server, [&] {
        pollfd p{fd, POLLIN, 0};
        return ::poll(&p, 1, 0) > 0;
    });
    CHECK(::read(fd, &byte, 1) == 0);  // EOF: closed by the daemon
    ::close(fd);
    CHECK(handled == 0);
}

TEST_CASE("hostile ipc: a user outside haclient is refused and logged", "[hostile][ipc][vigild]") {
    if (::geteuid() != 0) {
        FAIL("this test runs as root (it switches a child to the nobody user)");
    }
    SocketDir d;
    const std::string path = (d.dir / "vigild.sock").string();
    int handled = 0;
    vigild::IpcServer server([&](std::uint64_t, const ipc::Request&) { ++handled; });
    REQUIRE(server.listen(path).ok());
    (void)server.take_log();
    // The socket's mode keeps such a user out already; open it up so the
    // daemon's own check is what is tested.
    REQUIRE(::chmod(path.c_str(), 0666) == 0);

    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(out[0]);
        if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
            _exit(3);
        int fd = connect_to(path);
        if (fd < 0)
            _exit(4);
        const std::string framed = ipc::frame(status_doc);
        if (::write(fd, framed.data(), framed.size()) != static_cast<ssize_t>(framed.size()))
            _exit(5);
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0) {
            if (::write(out[1], buf, static_cast<std::size_t>(n)) != n)
                _exit(6);
        }
        _exit(0);
    }
    ::close(out[1]);
    int status = -1;
    serve(server, [&] { return ::waitpid(child, &status, WNOHANG) == child; });
    if (status == -1) {
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
    }
    std::string bytes;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(out[0], buf, sizeof buf)) > 0)
        bytes.append(buf, static_cast<std::size_t>(n));
    ::close(out[0]);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    ipc::FrameReader reader;
    reader.feed(bytes);
    auto doc = reader.next();
    REQUIRE(doc.ok());
    REQUIRE(*doc);
    auto answer = ipc::decode_response(**doc);
    REQUIRE(answer.ok());
    CHECK(answer->id == 0);  // refused before its request was read
    CHECK(answer->rc == ipc::Rc::permission_denied);
    CHECK_THAT(answer->message, Catch::Contains("haclient"));
    CHECK(handled == 0);
    auto log = server.take_log();
    REQUIRE(log.size() == 1);
    CHECK_THAT(log[0], Catch::Contains("refused IPC connection from uid 65534"));
}
