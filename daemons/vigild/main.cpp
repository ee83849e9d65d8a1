// vigild: the Vigil cluster daemon, one per node.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "crm/ipc/protocol.h"
#include "daemon.h"

namespace {

void usage() {
    std::cerr << "usage: vigild [--socket PATH] [--cib-dir DIR] [--group NAME] [--ocf-root DIR]\n"
                 "  --socket   IPC socket (default $VIGIL_SOCKET or /run/vigil/vigild.sock)\n"
                 "  --cib-dir  where the CIB is kept (default /var/lib/vigil)\n"
                 "  --group    CPG group name (default vigil)\n"
                 "  --ocf-root OCF_ROOT for resource agents (default /usr/lib/ocf)\n";
}

}  // namespace

int main(int argc, char** argv) {
    vigild::DaemonOptions options;
    options.socket_path = crm::ipc::socket_path(std::getenv("VIGIL_SOCKET"));
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "vigild: " << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--socket") {
            options.socket_path = value();
        } else if (a == "--cib-dir") {
            options.cib_dir = value();
        } else if (a == "--ocf-root") {
            options.ocf_root = value();
        } else if (a == "--group") {
            options.group = value();
        } else if (a == "-h" || a == "--help") {
            usage();
            return 0;
        } else {
            std::cerr << "vigild: unknown argument '" << a << "'\n";
            usage();
            return 2;
        }
    }
    return vigild::Daemon(options).run();
}
