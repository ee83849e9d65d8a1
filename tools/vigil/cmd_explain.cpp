// vigil explain: why a resource is (or is not) where it is, as the score
// contributions per node that the scheduler added up, in plain words.
#include <ctime>
#include <iostream>

#include "command.h"
#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

namespace {

const char* kUsage = "usage: vigil explain --xml-file CIB RESOURCE\n";

int run_explain(const std::vector<std::string>& args) {
    std::string file, rsc;
    for (size_t i = 0; i < args.size(); ++i) {
        if ((args[i] == "--xml-file" || args[i] == "-x") && i + 1 < args.size()) {
            file = args[++i];
        } else if (args[i] == "--help" || args[i] == "-h") {
            std::cout << kUsage;
            return vigil::kExitOk;
        } else if (rsc.empty() && args[i].rfind("-", 0) != 0) {
            rsc = args[i];
        } else {
            std::cerr << "vigil explain: unexpected argument '" << args[i] << "'\n" << kUsage;
            return vigil::kExitUsage;
        }
    }
    if (file.empty() || rsc.empty()) {
        std::cerr << kUsage;
        return vigil::kExitUsage;
    }
    auto doc = crm::xml::parse_file(file);
    if (!doc) {
        std::cerr << "vigil explain: " << file << ": " << doc.error() << "\n";
        return vigil::kExitInvalidConfig;
    }
    auto cib = crm::cib::unpack(*doc);
    if (!cib) {
        std::cerr << "vigil explain: " << file << ": " << cib.error() << "\n";
        return vigil::kExitInvalidConfig;
    }
    crm::scheduler::Options opts;
    opts.now = static_cast<std::int64_t>(std::time(nullptr));
    opts.explain = rsc;
    auto t = crm::scheduler::schedule(*cib, opts);
    if (!t) {
        std::cerr << "vigil explain: " << file << ": " << t.error() << "\n";
        return vigil::kExitInvalidConfig;
    }
    if (t->explanation.empty()) {
        bool known = false;
        for (const auto& s : t->scores)
            known = known || s.resource == rsc;
        if (!known) {
            std::cerr << "vigil explain: no resource '" << rsc << "'\n";
            return vigil::kExitNotFound;
        }
    }
    std::cout << "Scores for " << rsc << " (every contribution, in the order applied):\n";
    for (const auto& line : t->explanation)
        std::cout << "  " << line << "\n";
    bool placed = false;
    for (const auto& p : t->next) {
        bool clone_child =
            p.resource.size() > rsc.size() && p.resource.compare(p.resource.size() - rsc.size() - 1,
                                                                 std::string::npos, ":" + rsc) == 0;
        if (p.resource == rsc || clone_child) {
            std::cout << "Result: " << p.resource << " " << crm::scheduler::role_name(p.role)
                      << " on " << p.node << (p.failed ? " (failed)" : "") << "\n";
            placed = true;
        }
    }
    if (!placed)
        std::cout << "Result: " << rsc << " will not run\n";
    return vigil::kExitOk;
}

const vigil::Registration reg{"explain", "why a resource runs where it does (score breakdown)",
                              &run_explain};

}  // namespace
