// vigil resource: create, delete, update, meta, show, status, enable,
// disable, move, ban, clear, cleanup, failcount, group, clone, defaults.
#include <algorithm>
#include <cstdio>

#include "agent_metadata.h"
#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "create_args.h"
#include "crm/edit/constraint_edit.h"
#include "crm/edit/property_edit.h"
#include "crm/edit/resource_edit.h"
#include "crm/edit/status_edit.h"
#include "daemon_client.h"
#include "placement.h"
#include "resource_delete.h"
#include "status_source.h"
#include "verb_args.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil resource VERB ...\n"
    "  create ID CLASS:PROVIDER:TYPE [k=v...] [op ACTION k=v...]... [meta k=v...]\n"
    "         [--group G [--before R|--after R]] [--clone [CLONE_ID] [k=v...]] [--disabled]\n"
    "         [--no-default-ops]\n"
    "  delete ID                      stop it (live), then remove it and the constraints\n"
    "                                 that name it; --force skips the stop\n"
    "  update ID [k=v...] [op ACTION k=v...]... [meta k=v...]\n"
    "  meta ID k=v...                 set (or with k= remove) meta attributes\n"
    "  show|config [ID]               the resource's configuration (XML)\n"
    "  status                         where resources run\n"
    "  enable|disable ID...           clear or set target-role=Stopped\n"
    "  restart ID                     stop and start again (needs a running cluster)\n"
    "  manage|unmanage ID...          is-managed\n"
    "  move RSC [NODE]                run it on NODE: live, the temporary constraint\n"
    "                                 cli-prefer-RSC goes once it runs there (pcs 0.11),\n"
    "                                 unless it would move back; offline it stays.\n"
    "                                 Without NODE, ban the node it runs on\n"
    "  move-with-constraint RSC [NODE]  as move, but cli-prefer-RSC stays until\n"
    "                                 'resource clear' (pcs 0.11)\n"
    "  ban RSC [NODE]                 keep RSC off NODE (cli-ban-RSC-on-NODE)\n"
    "  clear RSC [NODE]               remove move/ban constraints\n"
    "  cleanup [RSC] [--node N]       forget failures and history\n"
    "  failcount show [RSC] [--node N]\n"
    "  group add G R... [--before R|--after R] | group remove G [R...]\n"
    "  clone RSC [CLONE_ID] [k=v...]\n"
    "  defaults [update k=v...]       resource defaults (resource-stickiness=100 ...)\n"
    "options for changing verbs: --dry-run, --wait[=SECONDS], --force\n";

int create(std::vector<std::string> args, const CommonOptions& common) {
    std::string err;
    auto group = take_option(args, "--group", &err);
    auto before = take_option(args, "--before", &err);
    auto after = take_option(args, "--after", &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    bool disabled = take_flag(args, "--disabled");
    bool no_default_ops = take_flag(args, "--no-default-ops");
    if (args.size() < 2)
        return usage_error(
            "'resource create' needs an ID and an agent such as "
            "ocf:heartbeat:IPaddr2",
            kUsage);
    crm::edit::PrimitiveSpec spec;
    spec.id = args[0];
    spec.agent = args[1];
    auto words = parse_create_words({args.begin() + 2, args.end()});
    if (!words)
        return usage_error(words.error(), kUsage);
    spec.params = words->params;
    spec.ops = words->ops;
    spec.meta = words->meta;
    spec.clone = words->clone;
    spec.clone_meta = words->clone_meta;
    spec.group = group.value_or("");
    spec.before = before.value_or("");
    spec.after = after.value_or("");
    spec.disabled = disabled;
    auto agent = crm::edit::parse_agent(spec.agent);
    if (!agent)
        return fail(kExitInvalidConfig, agent.error());
    if (!no_default_ops) {
        bool promotable = false;
        for (const auto& [k, v] : spec.clone_meta)
            promotable = promotable || (k == "promotable" && v == "true");
        if (agent->cls == "ocf") {
            auto md = agent_metadata(*agent);
            if (!md && !common.force)
                return fail(kExitNotFound, md.error());
            spec.default_ops =
                md ? default_ops_from_metadata(*md, promotable) : fallback_default_ops();
        } else {
            spec.default_ops = fallback_default_ops();
        }
    }
    std::string clone_id = words->clone_id;
    return run_change(common, [&](const crm::xml::Node& cib) -> crm::Result<crm::xml::Node> {
        auto made = crm::edit::create_primitive(cib, spec);
        if (!made || clone_id.empty())
            return made;
        // A named clone: rename the generated RSC-clone.
        crm::xml::Node out = std::move(*made);
        crm::xml::Node* clone = crm::edit::find_resource(out, spec.id + "-clone");
        if (crm::edit::find_config_id(out, clone_id))
            return crm::Error{"id '" + clone_id + "' is already used; give the clone another id"};
        if (auto s = crm::edit::check_id(clone_id, "clone"); !s)
            return crm::Error{s.error()};
        if (clone)
            clone->set_attr("id", clone_id);
        return out;
    });
}

int update(std::vector<std::string> args, const CommonOptions& common) {
    if (args.empty())
        return usage_error("'resource update' needs a resource id", kUsage);
    std::string id = args[0];
    auto words = parse_update_words({args.begin() + 1, args.end()});
    if (!words)
        return usage_error(words.error(), kUsage);
    if (words->params.empty() && words->ops.empty() && words->meta.empty())
        return usage_error("'resource update " + id + "' changes nothing; give k=v, op or meta",
                           kUsage);
    return run_change(common, [&](const crm::xml::Node& cib) {
        return crm::edit::update_resource(cib, id, words->params, words->meta, words->ops);
    });
}

int meta(std::vector<std::string> args, const CommonOptions& common) {
    if (args.size() < 2)
        return usage_error("'resource meta' needs ID and k=v...", kUsage);
    std::string id = args[0];
    crm::edit::NvList pairs;
    if (auto bad = read_pairs({args.begin() + 1, args.end()}, kUsage, pairs))
        return *bad;
    return run_change(common, [&](const crm::xml::Node& cib) {
        return apply_each(cib, pairs, [&](const crm::xml::Node& c, const auto& kv) {
            return crm::edit::set_meta(c, id, kv.first, kv.second);
        });
    });
}

int set_meta_many(const std::vector<std::string>& ids, const CommonOptions& common,
                  const std::string& name, const std::string& value, const char* verb) {
    if (ids.empty())
        return usage_error(std::string("'resource ") + verb + "' needs resource ids", kUsage);
    return run_change(common, [&](const crm::xml::Node& cib) {
        return apply_each(cib, ids, [&](const crm::xml::Node& c, const std::string& id) {
            return crm::edit::set_meta(c, id, name, value);
        });
    });
}

int show(const std::vector<std::string>& args) {
    CibSource src;
    if (int rc = load_cib(src); rc != kExitOk)
        return rc;
    if (args.empty()) {
        const crm::xml::Node* r = crm::edit::find_section(src.cib, "resources");
        std::printf("%s\n", r ? crm::xml::to_string(*r).c_str() : "<resources/>");
        return kExitOk;
    }
    for (const auto& id : args) {
        const crm::xml::Node* el = crm::edit::find_resource(src.cib, id);
        if (!el)
            return fail_edit(
                crm::edit::not_found("resource", id, crm::edit::resource_ids(src.cib)).message);
        std::printf("%s\n", crm::xml::to_string(*el).c_str());
    }
    return kExitOk;
}

// pcs 0.11 semantics against a live cluster: refuse a move the scheduler
// would not carry out, wait until the resource runs at the destination, then
// drop the temporary cli-prefer constraint unless the resource would move
// back without it. Offline (CIB_file) the constraint stays, as with
// move-with-constraint, since nothing runs there.
int live_move(const std::string& rsc, const std::string& node, const CommonOptions& common) {
    CibSource src;
    if (int rc = load_cib(src); rc != kExitOk)
        return rc;
    auto with = crm::edit::move(src.cib, rsc, node);
    if (!with)
        return fail_edit(with.error());
    auto planned = planned_nodes(*with, rsc);
    if (!planned)
        return fail(kExitInvalidConfig,
                    "cannot tell where '" + rsc + "' would run: " + planned.error());
    if (std::find(planned->begin(), planned->end(), node) == planned->end())
        return fail(kExitInvalidConfig,
                    "'" + rsc + "' would not run on " + node +
                        " even with the move constraint (a ban, standby, or another constraint "
                        "keeps it off); nothing changed. See 'vigil resource move " +
                        rsc + " " + node + " --dry-run'");
    if (common.dry_run)
        return run_change(
            common, [&](const crm::xml::Node& cib) { return crm::edit::move(cib, rsc, node); });
    CommonOptions commit = common;
    commit.wait_seconds.reset();
    if (int rc = run_change(
            commit, [&](const crm::xml::Node& cib) { return crm::edit::move(cib, rsc, node); });
        rc != kExitOk)
        return rc;
    int seconds = common.wait_seconds.value_or(60);
    if (int rc = wait_for_settle(seconds); rc != kExitOk) {
        std::fprintf(stderr,
                     "vigil: the move constraint cli-prefer-%s stays; remove it with 'vigil "
                     "resource clear %s'\n",
                     rsc.c_str(), rsc.c_str());
        return rc;
    }
    auto where = current_nodes(rsc);
    if (!where || std::find(where->begin(), where->end(), node) == where->end()) {
        std::fprintf(stderr,
                     "vigil: '%s' is not running on %s after the cluster settled; the constraint "
                     "cli-prefer-%s stays\n",
                     rsc.c_str(), node.c_str(), rsc.c_str());
        return kExitError;
    }
    CibSource now;
    if (int rc = load_cib(now); rc != kExitOk)
        return rc;
    auto without = crm::edit::clear(now.cib, rsc, node);
    if (!without)
        return fail_edit(without.error());
    auto after = planned_nodes(*without, rsc);
    if (!after || std::find(after->begin(), after->end(), node) == after->end()) {
        std::printf(
            "'%s' runs on %s; it would move back without the constraint (raise "
            "resource-stickiness to keep it), so cli-prefer-%s stays; remove it with "
            "'vigil resource clear %s'\n",
            rsc.c_str(), node.c_str(), rsc.c_str(), rsc.c_str());
        return kExitOk;
    }
    CommonOptions quiet;
    if (int rc = run_change(
            quiet, [&](const crm::xml::Node& cib) { return crm::edit::clear(cib, rsc, node); });
        rc != kExitOk)
        return rc;
    std::printf("'%s' runs on %s; the temporary constraint was removed\n", rsc.c_str(),
                node.c_str());
    return kExitOk;
}

enum class Place { move, move_keep, ban };

// move: pcs 0.11's move (live, the constraint goes once it runs there);
// move_keep: move-with-constraint (the constraint stays); ban.
int move_or_ban(std::vector<std::string> args, const CommonOptions& common, Place how) {
    const bool is_move = how != Place::ban;
    const char* verb = how == Place::move  ? "move"
                       : how == Place::ban ? "ban"
                                           : "move-with-constraint";
    if (args.empty() || args.size() > 2)
        return usage_error(std::string("'resource ") + verb + "' needs RSC [NODE]", kUsage);
    std::string rsc = args[0];
    std::string node = args.size() > 1 ? args[1] : "";
    bool ban_current = !is_move || node.empty();
    if (node.empty()) {
        // Without a node: ban the node where it runs now (as crm_resource does).
        auto where = current_nodes(rsc);
        if (!where)
            return fail_edit(where.error());
        if (where->empty())
            return fail(kExitInvalidConfig, "'" + rsc +
                                                "' is not running anywhere, so there is no "
                                                "node to move it away from; name a node");
        if (where->size() > 1)
            return fail(kExitInvalidConfig, "'" + rsc + "' runs on several nodes; name the node");
        node = where->front();
    }
    if (how == Place::move && !ban_current && cib_file_from_env().empty())
        return live_move(rsc, node, common);
    std::string note;
    if (is_move && !ban_current)
        note = "'" + rsc + "' now prefers " + node + " (constraint cli-prefer-" + rsc +
               "); remove it with 'vigil resource clear " + rsc + "'";
    else
        note = "'" + rsc + "' is banned from " + node + " (constraint cli-ban-" + rsc + "-on-" +
               node + "); remove it with 'vigil resource clear " + rsc + "'";
    return run_change(
        common,
        [&](const crm::xml::Node& cib) {
            return ban_current ? crm::edit::ban(cib, rsc, node) : crm::edit::move(cib, rsc, node);
        },
        note);
}

// Stops and starts again through target-role; needs a live cluster.
int restart(const std::vector<std::string>& args, const CommonOptions& common) {
    if (args.size() != 1)
        return usage_error("'resource restart' needs one resource id", kUsage);
    if (!cib_file_from_env().empty())
        return fail(kExitUnreachable,
                    "restart needs a running cluster (CIB_file is set); use "
                    "'resource disable' and 'resource enable' on a file");
    const std::string& rsc = args[0];
    CibSource src;
    if (int rc = load_cib(src); rc != kExitOk)
        return rc;
    const crm::xml::Node* el = crm::edit::find_resource(src.cib, rsc);
    if (!el)
        return fail_edit(
            crm::edit::not_found("resource", rsc, crm::edit::resource_ids(src.cib)).message);
    int seconds = common.wait_seconds.value_or(60);
    CommonOptions plain;
    if (int rc = run_change(
            plain,
            [&](const crm::xml::Node& cib) { return crm::edit::set_enabled(cib, rsc, false); });
        rc != kExitOk)
        return rc;
    int waited = wait_for_settle(seconds);
    // Whatever happened, give the resource its role back.
    int rc = run_change(
        plain, [&](const crm::xml::Node& cib) { return crm::edit::set_enabled(cib, rsc, true); });
    if (waited != kExitOk)
        return waited;
    if (rc != kExitOk)
        return rc;
    if (int w = wait_for_settle(seconds); w != kExitOk)
        return w;
    std::printf("restarted '%s'\n", rsc.c_str());
    return kExitOk;
}

int remove(const std::vector<std::string>& args, const CommonOptions& common) {
    if (args.size() != 1)
        return usage_error("'resource delete' needs one resource id", kUsage);
    const std::string& rsc = args[0];
    return delete_after_stop(rsc, common, [&](const crm::xml::Node& cib) {
        return crm::edit::delete_resource(cib, rsc);
    });
}

int clear(std::vector<std::string> args, const CommonOptions& common) {
    if (args.empty() || args.size() > 2)
        return usage_error("'resource clear' needs RSC [NODE]", kUsage);
    std::string rsc = args[0], node = args.size() > 1 ? args[1] : "";
    int removed = 0;
    int rc = run_change(common, [&](const crm::xml::Node& cib) {
        return crm::edit::clear(cib, rsc, node, &removed);
    });
    if (rc == kExitOk && !common.dry_run)
        std::printf("removed %d constraint%s\n", removed, removed == 1 ? "" : "s");
    return rc;
}

int cleanup(std::vector<std::string> args, const CommonOptions& common) {
    std::string err;
    auto node = take_option(args, "--node", &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    if (args.size() > 1)
        return usage_error("'resource cleanup' takes at most one resource", kUsage);
    std::string rsc = args.empty() ? "" : args[0];
    if (cib_file_from_env().empty() && !common.dry_run) {
        crm::ipc::Request req;
        req.op = crm::ipc::Op::cleanup;
        req.id = 4;
        if (!rsc.empty())
            req.resource = rsc;
        if (node)
            req.node = *node;
        auto resp = daemon_call(req, 30000);
        if (!resp)
            return fail(is_unreachable(resp.error()) ? kExitUnreachable : kExitError, resp.error());
        if (resp->rc == crm::ipc::Rc::not_found)
            return fail(kExitNotFound, resp->message);
        if (resp->rc != crm::ipc::Rc::ok)
            return fail(kExitError, "cleanup failed: " + resp->message);
        std::printf("cleaned up %s\n", rsc.empty() ? "all resources" : rsc.c_str());
        if (common.wait_seconds)
            return wait_for_settle(*common.wait_seconds);
        return kExitOk;
    }
    int removed = 0;
    int rc = run_change(common, [&](const crm::xml::Node& cib) {
        return crm::edit::cleanup(cib, rsc, node.value_or(""), &removed);
    });
    if (rc == kExitOk && !common.dry_run)
        std::printf("cleaned up %s: %d history entr%s and fail counts removed\n",
                    rsc.empty() ? "all resources" : rsc.c_str(), removed,
                    removed == 1 ? "y" : "ies");
    return rc;
}

int failcount(std::vector<std::string> args) {
    std::string err;
    auto node = take_option(args, "--node", &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    if (!args.empty() && args[0] == "show")
        args.erase(args.begin());
    if (args.size() > 1)
        return usage_error("'resource failcount show' takes at most one resource", kUsage);
    CibSource src;
    if (int rc = load_cib(src); rc != kExitOk)
        return rc;
    std::string rsc = args.empty() ? "" : args[0];
    if (!rsc.empty() && !crm::edit::find_resource(src.cib, rsc))
        return fail_edit(
            crm::edit::not_found("resource", rsc, crm::edit::resource_ids(src.cib)).message);
    int shown = 0;
    for (const auto& fc : crm::edit::fail_counts(src.cib, rsc)) {
        if (node && fc.node != *node)
            continue;
        std::printf("%s: %s%s on %s: %s\n", fc.resource.c_str(),
                    fc.operation.empty() ? "all operations" : fc.operation.c_str(), "",
                    fc.node.c_str(), fc.value.c_str());
        ++shown;
    }
    if (shown == 0)
        std::printf("No failcounts%s\n",
                    rsc.empty() ? "" : (" for resource '" + rsc + "'").c_str());
    return kExitOk;
}

int group(std::vector<std::string> args, const CommonOptions& common) {
    std::string err;
    auto before = take_option(args, "--before", &err);
    auto after = take_option(args, "--after", &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    if (args.size() < 2)
        return usage_error("'resource group' needs add|remove and a group", kUsage);
    std::string verb = args[0], g = args[1];
    std::vector<std::string> members(args.begin() + 2, args.end());
    if (verb == "add")
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::group_add(cib, g, members, before.value_or(""), after.value_or(""));
        });
    if (verb == "remove" || verb == "delete" || verb == "ungroup")
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::group_remove(cib, g, members);
        });
    return usage_error("unknown 'resource group " + verb + "'; use add or remove", kUsage);
}

int clone(std::vector<std::string> args, const CommonOptions& common) {
    if (args.empty())
        return usage_error("'resource clone' needs a resource id", kUsage);
    std::string id = args[0], clone_id;
    crm::edit::NvList meta;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "meta")
            continue;
        if (auto kv = split_pair(args[i]))
            meta.push_back(*kv);
        else if (i == 1)
            clone_id = args[i];
        else
            return usage_error("'" + args[i] + "' is not NAME=VALUE", kUsage);
    }
    return run_change(common, [&](const crm::xml::Node& cib) {
        return crm::edit::clone_resource(cib, id, clone_id, meta);
    });
}

int defaults(std::vector<std::string> args, const CommonOptions& common) {
    if (!args.empty() && (args[0] == "update" || args[0] == "set"))
        args.erase(args.begin());
    if (args.empty()) {
        CibSource src;
        if (int rc = load_cib(src); rc != kExitOk)
            return rc;
        const crm::xml::Node* d = crm::edit::find_section(src.cib, "rsc_defaults");
        int n = 0;
        if (d)
            for (const auto* set : d->children_named("meta_attributes"))
                for (const auto* p : set->children_named("nvpair")) {
                    std::printf("%s=%s\n", p->attr("name").c_str(), p->attr("value").c_str());
                    ++n;
                }
        if (n == 0)
            std::printf("No defaults set\n");
        return kExitOk;
    }
    crm::edit::NvList pairs;
    if (auto bad = read_pairs(args, kUsage, pairs))
        return *bad;
    return run_change(common, [&](const crm::xml::Node& cib) {
        return crm::edit::rsc_defaults_update(cib, pairs);
    });
}

int run_resource(const std::vector<std::string>& all) {
    VerbCall call;
    if (auto done = begin_verb(all, kUsage, Verb::required, call))
        return *done;
    auto& [common, verb, args] = call;
    if (verb == "create")
        return create(args, common);
    if (verb == "delete" || verb == "remove")
        return remove(args, common);
    if (verb == "update")
        return update(args, common);
    if (verb == "meta")
        return meta(args, common);
    if (verb == "show" || verb == "config")
        return show(args);
    if (verb == "status")
        return print_resource_status();
    if (verb == "enable")
        return set_meta_many(args, common, "target-role", "", "enable");
    if (verb == "disable")
        return set_meta_many(args, common, "target-role", "Stopped", "disable");
    if (verb == "manage")
        return set_meta_many(args, common, "is-managed", "", "manage");
    if (verb == "unmanage")
        return set_meta_many(args, common, "is-managed", "false", "unmanage");
    if (verb == "restart")
        return restart(args, common);
    if (verb == "move")
        return move_or_ban(args, common, Place::move);
    if (verb == "move-with-constraint")
        return move_or_ban(args, common, Place::move_keep);
    if (verb == "ban")
        return move_or_ban(args, common, Place::ban);
    if (verb == "clear")
        return clear(args, common);
    if (verb == "cleanup")
        return cleanup(args, common);
    if (verb == "failcount")
        return failcount(args);
    if (verb == "group")
        return group(args, common);
    if (verb == "clone")
        return clone(args, common);
    if (verb == "defaults")
        return defaults(args, common);
    return usage_error("unknown verb 'resource " + verb + "'", kUsage);
}

const Registration reg{"resource", "create, change and place resources (pcs resource ...)",
                       &run_resource};

}  // namespace
}  // namespace vigil
