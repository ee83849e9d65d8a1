// vigil simulate: run the scheduler offline on a CIB file, like crm_simulate.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>

#include "command.h"
#include "crm/cib/cib.h"
#include "crm/common/duration.h"
#include "crm/graph/graph.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

namespace {

const char* kUsage =
    "usage: vigil simulate --xml-file CIB [--placement] [--actions] [--scores]\n"
    "                      [--date DATETIME] [--dot FILE] [--save-graph FILE]\n"
    "  --date (-t): \"now\" for failure expiry and date rules (ISO 8601 or epoch\n"
    "  seconds); default: CONFORMANCE_NOW, else the CIB's execution-date, else the clock\n";

// An ISO 8601 date/time ("2026-11-27 18:00:00", "2026-11-27T18:00:00Z") or
// epoch seconds, as UTC epoch seconds; nullopt if unreadable.
std::optional<std::int64_t> parse_when(const std::string& s) {
    if (s.empty())
        return std::nullopt;
    if (s.find_first_not_of("0123456789") == std::string::npos)
        return std::stoll(s);
    std::tm tmv{};
    int y = 0, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
    if (std::sscanf(s.c_str(), "%d-%d-%d%*c%d:%d:%d", &y, &mo, &d, &h, &mi, &sec) < 3)
        return std::nullopt;
    tmv.tm_year = y - 1900;
    tmv.tm_mon = mo - 1;
    tmv.tm_mday = d;
    tmv.tm_hour = h;
    tmv.tm_min = mi;
    tmv.tm_sec = sec;
    return static_cast<std::int64_t>(timegm(&tmv));
}

// "now" the way crm_simulate picks it: the given date, else CONFORMANCE_NOW
// (the corpus' stand-in for -t), else the time the CIB was scheduled at
// (execution-date, recorded in saved scheduler inputs), else the clock.
std::int64_t effective_now(const std::string& date, const crm::xml::Node& root) {
    if (auto t = parse_when(date))
        return *t;
    if (const char* env = std::getenv("CONFORMANCE_NOW"))
        if (auto t = parse_when(env))
            return *t;
    if (auto t = parse_when(root.attr("execution-date")))
        return *t;
    return static_cast<std::int64_t>(std::time(nullptr));
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path);
    f << text;
    return static_cast<bool>(f);
}

int run_simulate(const std::vector<std::string>& args) {
    std::string file, dot, graph_file, date;
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
        if ((a == "--date" || a == "-t") && value(date)) {
            if (!parse_when(date)) {
                std::cerr << "vigil simulate: --date '" << date
                          << "' is neither an ISO 8601 date/time nor epoch seconds\n";
                return vigil::kExitUsage;
            }
            continue;
        }
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
    crm::scheduler::Options opts;
    // The XML tree is freed once the typed view is built: on a large CIB it
    // is most of the memory, which the scheduler then reuses.
    auto cib = [&]() -> crm::Result<crm::cib::Cib> {
        auto doc = crm::xml::parse_file(file);
        if (!doc)
            return crm::Error{doc.error()};
        opts.now = effective_now(date, *doc);
        return crm::cib::unpack(*doc);
    }();
    if (!cib) {
        std::cerr << "vigil simulate: " << file << ": " << cib.error() << "\n";
        return vigil::kExitInvalidConfig;
    }
    auto t = crm::scheduler::schedule(*cib, opts);
    if (!t) {
        std::cerr << "vigil simulate: " << file << ": " << t.error() << "\n";
        return vigil::kExitInvalidConfig;
    }
    for (const auto& w : t->warnings)
        std::cerr << "vigil simulate: warning: " << w << "\n";
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
