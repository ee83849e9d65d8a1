// vigil status [--full] [--output-as=text|xml]
#include <cstdio>
#include <ctime>

#include "cli.h"
#include "crm/status/render.h"
#include "daemon_state.h"
#include "status_source.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil status [--full] [--output-as=text|xml]\n"
    "  The cluster as crm_mon -1 / pcs status show it: cluster name, warnings, DC and\n"
    "  quorum, nodes, resources (groups, clones), failed actions; --full adds fail\n"
    "  counts and negative location constraints. --output-as=xml prints the versioned\n"
    "  XML form (schema vigil-status-1.rng) for scripts. With CIB_file set, shows the\n"
    "  file as recorded (membership, DC and quorum from its status section).\n"
    "  Live, it ends with the Daemon Status of corosync and vigild on this node\n"
    "  (active/inactive; /enabled or /disabled where systemd manages them).\n";

int run_status(const std::vector<std::string>& all) {
    std::vector<std::string> args = all;
    if (take_flag(args, "--help") || take_flag(args, "-h")) {
        std::printf("%s", kUsage);
        return kExitOk;
    }
    bool full = take_flag(args, "--full") | take_flag(args, "-f");
    std::string err;
    auto format = take_option(args, "--output-as", &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    if (!args.empty() && args[0] == "xml") {  // pcs status xml
        format = "xml";
        args.erase(args.begin());
    }
    if (!args.empty() && args[0] == "resources") {
        args.erase(args.begin());
        if (args.empty())
            return print_resource_status();
    }
    if (!args.empty())
        return usage_error("unexpected '" + args[0] + "'", kUsage);
    std::string fmt = format.value_or("text");
    if (fmt != "text" && fmt != "xml")
        return usage_error("--output-as='" + fmt + "' is not text or xml", kUsage);
    CibSource src;
    crm::status::ClusterView view;
    if (int rc = load_view(view, src); rc != kExitOk)
        return rc;
    // Offline views have no "now": the file is a snapshot, and leaving the
    // time out keeps their output reproducible.
    std::int64_t now = src.file.empty() ? static_cast<std::int64_t>(std::time(nullptr)) : 0;
    // The view came from vigild's socket, so vigild answered.
    if (src.file.empty())
        view.daemons = local_daemons(true);
    if (fmt == "xml") {
        std::printf("%s\n", crm::xml::to_string(crm::status::render_xml(view, now)).c_str());
        return kExitOk;
    }
    crm::status::TextOptions o;
    o.full = full;
    o.now = now;
    std::printf("%s", crm::status::render_text(view, o).c_str());
    return kExitOk;
}

const Registration reg{"status", "show the cluster like crm_mon -1 / pcs status", &run_status};

}  // namespace
}  // namespace vigil
