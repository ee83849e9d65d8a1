// vigil cluster setup | status | start | stop
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "cib_access.h"
#include "cli.h"
#include "corosync_conf.h"
#include "crm/status/render.h"
#include "status_source.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil cluster VERB ...\n"
    "  setup NAME NODE=ADDR[,ADDR2]... [--profile default|fast] [--output DIR | --local]\n"
    "        [--force]\n"
    "        writes corosync.conf (knet, aes256/sha256 crypto, votequorum, nodelist with\n"
    "        node ids 1..n) and a new authkey (mode 0400) into DIR (default: the current\n"
    "        directory) for you to copy to every node, or with --local into /etc/corosync\n"
    "        of this node. Existing files are kept unless --force. --profile fast: token\n"
    "        400 ms, token_coefficient 0, on udpu (one link, no crypto).\n"
    "  status        the status summary (as 'vigil status')\n"
    "  start|stop    start or stop corosync and vigild through systemd\n";

constexpr std::size_t kAuthkeyBytes = 256;  // corosync-keygen's default (2048 bits)

bool exists(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0;
}

int setup(std::vector<std::string> args) {
    std::string err;
    auto profile_word = take_option(args, "--profile", &err);
    auto output = take_option(args, "--output", &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    bool local = take_flag(args, "--local");
    bool force = take_flag(args, "--force");
    if (local && output)
        return usage_error("give --output DIR or --local, not both", kUsage);
    if (args.size() < 2)
        return usage_error("'cluster setup' needs NAME and NODE=ADDR...", kUsage);
    SetupSpec spec;
    spec.cluster_name = args[0];
    std::string pw = profile_word.value_or("default");
    if (pw == "fast")
        spec.profile = Profile::kFast;
    else if (pw != "default")
        return usage_error("--profile '" + pw + "' is not default or fast", kUsage);
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string word = args[i];
        // pcs spelling: "NODE addr=ADDR [addr=ADDR2]".
        while (i + 1 < args.size() && args[i + 1].rfind("addr=", 0) == 0) {
            word += (word.find('=') == std::string::npos ? "=" : ",") + args[i + 1].substr(5);
            ++i;
        }
        auto n = parse_node_word(word);
        if (!n)
            return fail(kExitInvalidConfig, n.error());
        spec.nodes.push_back(*n);
    }
    auto conf = render_corosync_conf(spec);
    if (!conf)
        return fail(kExitInvalidConfig, conf.error());
    std::string dir = local ? "/etc/corosync" : output.value_or(".");
    std::string conf_path = dir + "/corosync.conf", key_path = dir + "/authkey";
    if (!force)
        for (const auto& p : {conf_path, key_path})
            if (exists(p))
                return fail(kExitError, "'" + p + "' exists; keep it, or overwrite with --force");
    if (!exists(dir) && ::mkdir(dir.c_str(), 0755) != 0)
        return fail(kExitError, "cannot create '" + dir + "': " + std::strerror(errno));
    std::string key(kAuthkeyBytes, '\0');
    std::ifstream rnd("/dev/urandom", std::ios::binary);
    if (!rnd.read(key.data(), static_cast<std::streamsize>(key.size())))
        return fail(kExitError, "cannot read /dev/urandom for the authkey");
    if (!write_file_atomic(key_path, key, 0400, &err))
        return fail(kExitError, err);
    if (!write_file_atomic(conf_path, *conf, 0644, &err))
        return fail(kExitError, err);
    std::printf("wrote %s and %s (0400)\n", conf_path.c_str(), key_path.c_str());
    std::printf("%s", profile_note(spec.profile).c_str());
    if (!local)
        std::printf(
            "copy both to /etc/corosync/ on %zu node%s, then 'vigil cluster start' on each\n",
            spec.nodes.size(), spec.nodes.size() == 1 ? "" : "s");
    return kExitOk;
}

int systemctl(const std::string& verb) {
    if (!exists("/run/systemd/system"))
        return fail(kExitError,
                    "no service manager (systemd) is running here; start corosync and "
                    "vigild by hand");
    for (const char* unit : {"corosync", "vigild"}) {
        // vigild needs corosync first on start, and goes first on stop.
        const char* u =
            verb == "stop" ? (std::strcmp(unit, "corosync") == 0 ? "vigild" : "corosync") : unit;
        pid_t pid = ::fork();
        if (pid == 0) {
            ::execlp("systemctl", "systemctl", verb.c_str(), u, static_cast<char*>(nullptr));
            ::_exit(127);
        }
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return fail(kExitError, "systemctl " + verb + " " + u + " failed");
    }
    return kExitOk;
}

int run_cluster(const std::vector<std::string>& all) {
    std::vector<std::string> args = all;
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::printf("%s", kUsage);
        return args.empty() ? kExitUsage : kExitOk;
    }
    std::string verb = args[0];
    args.erase(args.begin());
    if (verb == "setup")
        return setup(args);
    if (verb == "status") {
        CibSource src;
        crm::status::ClusterView view;
        if (int rc = load_view(view, src); rc != kExitOk)
            return rc;
        crm::status::TextOptions o;
        std::string text = crm::status::render_text(view, o);
        // The summary and node list, without the resources (pcs cluster status).
        auto cut = text.find("\nFull List of Resources:");
        std::printf("%s", text.substr(0, cut).c_str());
        if (cut != std::string::npos)
            std::printf("\n");
        return kExitOk;
    }
    if (verb == "start" || verb == "stop")
        return systemctl(verb);
    return usage_error("unknown verb 'cluster " + verb + "'", kUsage);
}

const Registration reg{"cluster", "corosync.conf setup, cluster status/start/stop", &run_cluster};

}  // namespace
}  // namespace vigil
