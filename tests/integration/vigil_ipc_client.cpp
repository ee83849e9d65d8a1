// A minimal client of vigild's IPC socket for the integration tests (the
// user-facing tool is `vigil`). Prints what the daemon answered; the exit
// code is the response's rc (100 for a transport error).
//
//   vigil_ipc_client [--socket PATH] [--retry SECONDS] OP [ARGS]
//   OP: query | digest | version | status | replace FILE [EXPECT] | cleanup [RSC [NODE]]
//       | wait MS | raw DOCUMENT
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "crm/cib/digest.h"
#include "crm/ipc/protocol.h"

namespace ipc = crm::ipc;

namespace {

int fail(const std::string& what) {
    std::cerr << "vigil_ipc_client: " << what << "\n";
    return 100;
}

// One request, one response, over a fresh connection.
crm::Result<ipc::Response> call(const std::string& path, const std::string& doc) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        std::string e = std::strerror(errno);
        ::close(fd);
        return crm::Error{"connect " + path + ": " + e};
    }
    const std::string out = ipc::frame(doc);
    if (::write(fd, out.data(), out.size()) != static_cast<ssize_t>(out.size())) {
        ::close(fd);
        return crm::Error{"short write"};
    }
    ipc::FrameReader reader;
    char buf[65536];
    for (;;) {
        auto next = reader.next();
        if (!next) {
            ::close(fd);
            return crm::Error{next.error()};
        }
        if (*next) {
            ::close(fd);
            return ipc::decode_response(**next);
        }
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) {
            ::close(fd);
            return crm::Error{"connection closed before a response"};
        }
        reader.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string path = ipc::socket_path(std::getenv("VIGIL_SOCKET"));
    double retry_s = 0;
    int i = 1;
    for (; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--socket" && i + 1 < argc) {
            path = argv[++i];
        } else if (a == "--retry" && i + 1 < argc) {
            retry_s = std::atof(argv[++i]);
        } else {
            break;
        }
    }
    if (i >= argc)
        return fail("usage: vigil_ipc_client [--socket P] [--retry S] OP [ARGS]");
    const std::string op = argv[i++];
    ipc::Request req;
    req.id = static_cast<std::uint64_t>(::getpid());
    std::string raw;
    if (op == "query" || op == "digest" || op == "version") {
        req.op = ipc::Op::cib_query;
    } else if (op == "status") {
        req.op = ipc::Op::status;
    } else if (op == "replace" && i < argc) {
        req.op = ipc::Op::cib_replace;
        std::ifstream in(argv[i++]);
        std::stringstream s;
        s << in.rdbuf();
        auto cib = crm::xml::parse(s.str());
        if (!cib)
            return fail(cib.error());
        req.cib = *cib;
        if (i < argc) {
            auto v = ipc::parse_cib_version(argv[i++]);
            if (!v)
                return fail(v.error());
            req.expect_epoch = *v;
        }
    } else if (op == "cleanup") {
        req.op = ipc::Op::cleanup;
        if (i < argc)
            req.resource = argv[i++];
        if (i < argc)
            req.node = argv[i++];
    } else if (op == "wait" && i < argc) {
        req.op = ipc::Op::wait;
        req.timeout_ms = std::strtoull(argv[i++], nullptr, 10);
    } else if (op == "raw" && i < argc) {
        raw = argv[i++];
    } else {
        return fail("unknown or incomplete operation '" + op + "'");
    }
    const std::string doc = raw.empty() ? ipc::encode_request(req) : raw;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(retry_s);
    for (;;) {
        auto resp = call(path, doc);
        const bool again = !resp.ok() || resp->rc == ipc::Rc::unavailable;
        if (again && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            continue;
        }
        if (!resp)
            return fail(resp.error());
        if (resp->rc != ipc::Rc::ok) {
            std::cerr << "rc=" << static_cast<int>(resp->rc) << " (" << ipc::rc_name(resp->rc)
                      << "): " << resp->message << "\n";
            return static_cast<int>(resp->rc);
        }
        if (op == "digest") {
            std::cout << crm::cib::full_digest(*resp->cib) << "\n";
        } else if (op == "version") {
            auto v = ipc::cib_version_of(*resp->cib);
            std::cout << (v ? ipc::to_string(*v) : "?") << "\n";
        } else if (op == "status") {
            const auto& s = *resp->status;
            std::cout << "cluster=" << s.cluster_name << " dc=" << s.dc
                      << " quorate=" << (s.quorate ? 1 : 0) << " ring=" << s.ring_id
                      << " local=" << s.local_node << "\n";
            for (const auto& m : s.members) {
                std::cout << "member " << m.id << " " << m.uname << " "
                          << (m.online ? "online" : "offline") << "\n";
            }
        } else if (resp->cib) {
            std::cout << crm::xml::to_string(*resp->cib);
        } else {
            std::cout << resp->message << "\n";
        }
        return 0;
    }
}
