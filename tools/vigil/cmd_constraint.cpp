// vigil constraint: location, order, colocation, list, delete.
#include <cstdio>

#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "crm/edit/constraint_edit.h"
#include "crm/status/config_report.h"
#include "verb_args.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil constraint VERB ...\n"
    "  location RSC prefers|avoids NODE[=SCORE]...   (score defaults to INFINITY)\n"
    "  location add ID RSC NODE SCORE\n"
    "  order [ACTION] A then [ACTION] B [kind=Mandatory|Optional|Serialize]\n"
    "        [symmetrical=true|false] [require-all=true|false] [id=ID]\n"
    "  colocation add [ROLE] A with [ROLE] B [SCORE] [id=ID]   (A is placed where B is)\n"
    "  list|show|config                                the constraints, pcs style\n"
    "  delete|remove ID...\n"
    "options: --dry-run, --wait[=SECONDS]\n";

bool is_action(const std::string& w) {
    return w == "start" || w == "stop" || w == "promote" || w == "demote";
}

bool is_role(const std::string& w) {
    for (const char* r : {"Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave"})
        if (w == r)
            return true;
    return false;
}

int location(std::vector<std::string> args, const CommonOptions& common) {
    if (!args.empty() && args[0] == "add") {
        if (args.size() != 5)
            return usage_error("'constraint location add' needs ID RSC NODE SCORE", kUsage);
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::location_add(cib, args[1], args[2], args[3], args[4]);
        });
    }
    if (!args.empty() && (args[0] == "delete" || args[0] == "remove")) {
        if (args.size() != 2)
            return usage_error("'constraint location delete' needs an id", kUsage);
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::constraint_delete(cib, args[1]);
        });
    }
    if (args.size() < 3 || (args[1] != "prefers" && args[1] != "avoids"))
        return usage_error("write 'constraint location RSC prefers|avoids NODE[=SCORE]...'",
                           kUsage);
    std::vector<crm::edit::NodeScore> nodes;
    for (std::size_t i = 2; i < args.size(); ++i) {
        auto eq = args[i].find('=');
        if (eq == std::string::npos)
            nodes.push_back({args[i], ""});
        else
            nodes.push_back({args[i].substr(0, eq), args[i].substr(eq + 1)});
        if (nodes.back().node.empty())
            return usage_error("'" + args[i] + "' names no node", kUsage);
        if (eq != std::string::npos && nodes.back().score.empty())
            return fail(kExitInvalidConfig, "score '' is not a number or INFINITY; write " +
                                                nodes.back().node + "=50 or just " +
                                                nodes.back().node);
    }
    bool avoids = args[1] == "avoids";
    return run_change(common, [&](const crm::xml::Node& cib) {
        return crm::edit::location_prefers(cib, args[0], nodes, avoids);
    });
}

int order(std::vector<std::string> args, const CommonOptions& common) {
    if (!args.empty() && (args[0] == "delete" || args[0] == "remove")) {
        if (args.size() != 2)
            return usage_error("'constraint order delete' needs an id", kUsage);
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::constraint_delete(cib, args[1]);
        });
    }
    crm::edit::OrderSpec spec;
    std::vector<std::string> words;
    for (const auto& a : args) {
        if (auto kv = split_pair(a)) {
            if (kv->first == "kind")
                spec.kind = kv->second;
            else if (kv->first == "symmetrical")
                spec.symmetrical = kv->second;
            else if (kv->first == "require-all")
                spec.require_all = kv->second;
            else if (kv->first == "id")
                spec.id = kv->second;
            else
                return usage_error("unknown order option '" + kv->first + "'", kUsage);
        } else {
            words.push_back(a);
        }
    }
    // [ACTION] A then [ACTION] B
    std::size_t i = 0;
    if (i < words.size() && is_action(words[i]) && i + 1 < words.size() && words[i + 1] != "then")
        spec.first_action = words[i++];
    if (i >= words.size())
        return usage_error("'constraint order' names no resources", kUsage);
    spec.first = words[i++];
    if (i >= words.size() || words[i] != "then")
        return usage_error("write 'constraint order [ACTION] A then [ACTION] B'", kUsage);
    ++i;
    if (i < words.size() && is_action(words[i]) && i + 1 < words.size())
        spec.then_action = words[i++];
    if (i >= words.size())
        return usage_error("'then' names no resource", kUsage);
    spec.then = words[i++];
    if (i != words.size())
        return usage_error("unexpected '" + words[i] + "'", kUsage);
    if (spec.then_action.empty())
        spec.then_action = spec.first_action;
    return run_change(common,
                      [&](const crm::xml::Node& cib) { return crm::edit::order_add(cib, spec); });
}

int colocation(std::vector<std::string> args, const CommonOptions& common) {
    if (!args.empty() && (args[0] == "delete" || args[0] == "remove")) {
        if (args.size() != 2)
            return usage_error("'constraint colocation delete' needs an id", kUsage);
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::constraint_delete(cib, args[1]);
        });
    }
    if (args.empty() || args[0] != "add")
        return usage_error("write 'constraint colocation add A with B [SCORE]'", kUsage);
    crm::edit::ColocationSpec spec;
    std::vector<std::string> words;
    for (std::size_t k = 1; k < args.size(); ++k) {
        if (auto kv = split_pair(args[k])) {
            if (kv->first == "score")
                spec.score = kv->second;
            else if (kv->first == "id")
                spec.id = kv->second;
            else
                return usage_error("unknown colocation option '" + kv->first + "'", kUsage);
        } else {
            words.push_back(args[k]);
        }
    }
    std::size_t i = 0;
    if (i < words.size() && is_role(words[i]))
        spec.rsc_role = words[i++];
    if (i >= words.size())
        return usage_error("'colocation add' names no resources", kUsage);
    spec.rsc = words[i++];
    if (i >= words.size() || words[i] != "with")
        return usage_error("write 'constraint colocation add A with B [SCORE]'", kUsage);
    ++i;
    if (i < words.size() && is_role(words[i]))
        spec.with_rsc_role = words[i++];
    if (i >= words.size())
        return usage_error("'with' names no resource", kUsage);
    spec.with_rsc = words[i++];
    if (i < words.size()) {
        if (!spec.score.empty())
            return usage_error("the score is given twice", kUsage);
        spec.score = words[i++];
    }
    if (i != words.size())
        return usage_error("unexpected '" + words[i] + "'", kUsage);
    return run_change(
        common, [&](const crm::xml::Node& cib) { return crm::edit::colocation_add(cib, spec); });
}

int list() {
    return print_cib_text(&crm::status::constraints_text);
}

int run_constraint(const std::vector<std::string>& all) {
    VerbCall call;
    if (auto done = begin_verb(all, kUsage, Verb::optional, call))
        return *done;
    auto& [common, verb, args] = call;
    if (verb.empty())
        return list();
    if (verb == "location")
        return location(args, common);
    if (verb == "order")
        return order(args, common);
    if (verb == "colocation")
        return colocation(args, common);
    if (verb == "list" || verb == "show" || verb == "config")
        return list();
    if (verb == "delete" || verb == "remove") {
        if (args.empty())
            return usage_error("'constraint delete' needs constraint ids", kUsage);
        return run_change(common, [&](const crm::xml::Node& cib) {
            return apply_each(cib, args, [](const crm::xml::Node& c, const std::string& id) {
                return crm::edit::constraint_delete(c, id);
            });
        });
    }
    return usage_error("unknown verb 'constraint " + verb + "'", kUsage);
}

const Registration reg{"constraint",
                       "location, order and colocation constraints (pcs constraint ...)",
                       &run_constraint};

}  // namespace
}  // namespace vigil
