// vigil simulate: run the scheduler offline on a CIB file, like crm_simulate.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>

#include "command.h"
#include "crm/cib/cib.h"
#include "crm/common/duration.h"
#include "crm/graph/graph.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

namespace {

const char* kUsage =
    "usage: vigil simulate --xml-file CIB [--placement] [--actions] [--scores]\n"
    "                      [--dot FILE] [--save-graph FILE]\n";

// "now" from CONFORMANCE_NOW (ISO 8601 date/time or epoch seconds), else the clock.
std::int64_t now_from_env() {
    const char* env = std::getenv("CONFORMANCE_NOW");
    if (env && *env) {
        std::string s = env;
        if (s.find_first_not_of("0123456789") == std::string::npos)
            return std::stoll(s);
        std::tm tmv{};
        int y = 0, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
        if (std::sscanf(s.c_str(), "%d-%d-%d%*c%d:%d:%d", &y, &mo, &d, &h, &mi, &sec) >= 3) {
            tmv.tm_year = y - 1900;
            tmv.tm_mon = mo - 1;
            tmv.tm_mday = d;
            tmv.tm_hour = h;
            tmv.tm_min = mi;
            tmv.tm_sec = sec;
            return static_cast<std::int64_t>(timegm(&tmv));
        }
    }
    return static_cast<std::int64_t>(std::time(nullptr));
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path);
    f << text;
    return static_cast<bool>(f);
}

int run_simulate(const std::vector<std::string>& args) {
    std::string file, dot, graph_file;
    bool placement = false, actions = false, scores = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size())
                return false;
            out = args[++i];
            return true;
        };
        if ((a == "--xml-file" || a == "-x") && value(file))
            continue;
        if (a == "--dot" && value(dot))
            continue;
        if (a == "--save-graph" && value(graph_file))
            continue;
        if (a == "--placement")
            placement = true;
        else if (a == "--actions")
            actions = true;
        else if (a == "--scores" || a == "-s")
            scores = true;
        else if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return vigil::kExitOk;
        } else {
            std::cerr << "vigil simulate: unexpected argument '" << a << "'\n" << kUsage;
            return vigil::kExitUsage;
        }
    }
    if (file.empty()) {
        std::cerr << kUsage;
        return vigil::kExitUsage;
    }
    auto doc = crm::xml::parse_file(file);
    if (!doc) {
        std::cerr << "vigil simulate: " << file << ": " << doc.error() << "\n";
        return vigil::kExitInvalidConfig;
    }
    auto cib = crm::cib::unpack(*doc);
    if (!cib) {
        std::cerr << "vigil simulate: " << file << ": " << cib.error() << "\n";
        return vigil::kExitInvalidConfig;
    }
    crm::scheduler::Options opts;
    opts.now = now_from_env();
    auto t = crm::scheduler::schedule(*cib, opts);
    if (!t) {
        std::cerr << "vigil simulate: " << file << ": " << t.error() << "\n";
        return vigil::kExitInvalidConfig;
    }
    if (scores)
        for (const auto& s : t->scores)
            std::cout << "score " << s.resource << " " << s.node << " " << s.score.to_string()
                      << "\n";
    if (placement || actions) {
        for (const auto& line : crm::scheduler::canonical_lines(*t)) {
            bool is_placement = line.rfind("placement ", 0) == 0;
            if ((is_placement && placement) || (!is_placement && actions))
                std::cout << line << "\n";
        }
    } else if (!scores) {
        std::cout << crm::scheduler::human_summary(*t);
    }
    if (!dot.empty() && !write_file(dot, crm::graph::to_dot(t->graph))) {
        std::cerr << "vigil simulate: cannot write " << dot << "\n";
        return vigil::kExitError;
    }
    if (!graph_file.empty() && !write_file(graph_file, crm::graph::to_xml(t->graph))) {
        std::cerr << "vigil simulate: cannot write " << graph_file << "\n";
        return vigil::kExitError;
    }
    return vigil::kExitOk;
}

const vigil::Registration reg{"simulate", "run the scheduler offline on a CIB file", &run_simulate};

}  // namespace
