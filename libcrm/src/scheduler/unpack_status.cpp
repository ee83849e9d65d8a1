// Status -> working set: which nodes are up, clean, in standby or
// maintenance; for every resource on every node its current role, whether
// it failed and how that failure must be handled (on-fail), fail counts,
// and orphans (history of resources no longer configured).
#include <algorithm>
#include <cstdlib>

#include <set>

#include "crm/common/strings.h"
#include "node_failures.h"
#include "working_set.h"

namespace crm::scheduler::detail {

namespace {

bool flag(const std::string& v) {
    if (v.empty())
        return false;
    if (auto b = parse_bool(v))
        return *b;
    if (v == "online")
        return true;
    // Newer Pacemaker writes a timestamp of when the node joined; 0 = not.
    return std::all_of(v.begin(), v.end(), ::isdigit) && v != "0";
}

bool attr_true(const std::map<std::string, std::string>& a, const char* k) {
    auto it = a.find(k);
    if (it == a.end())
        return false;
    auto b = parse_bool(it->second);
    return b && *b;
}

void unpack_node(const cib::NodeState& s, Node& n, const WorkingSet& ws) {
    for (auto& [k, v] : cib::flatten(s.transient_attributes))
        n.attrs[k] = v;
    bool in_ccm = flag(s.in_ccm);
    bool crmd = flag(s.crmd);
    std::string shutdown;
    if (auto it = n.attrs.find("shutdown"); it != n.attrs.end())
        shutdown = it->second;
    bool terminating = !shutdown.empty() && shutdown != "0";
    if (in_ccm && crmd && s.join == "member") {
        n.online = true;
        n.shutdown = terminating;
    } else if (in_ccm && crmd) {
        n.online = false;  // pending or banned: not ready to run resources
    } else if (ws.stonith_enabled && s.expected == "member" && !terminating) {
        n.unclean = n.lost = true;  // expected up but gone: it may still run resources
    }
    n.standby = attr_true(n.attrs, "standby");
    n.maintenance = attr_true(n.attrs, "maintenance");
}

// The expected result of an operation, from its transition key
// ("action:transition:target-rc:uuid"); 0 if unknown.
int target_rc(const cib::LrmRscOp& op) {
    auto parts = split(op.transition_key, ':');
    if (parts.size() >= 3) {
        try {
            return std::stoi(parts[2]);
        } catch (...) {
        }
    }
    return 0;
}

struct History {
    Role role = Role::Stopped;
    OnFail on_fail = OnFail::None;
    bool hard_ban = false;   // banned from this node
    bool fatal_ban = false;  // banned everywhere
    bool failed_stop = false;
    bool failed_start = false;  // not superseded by a later start or stop
    std::string failure_key;    // "monitor_10000": the operation of the last failure
};

std::string on_fail_setting(const cib::Primitive* p, const cib::LrmRscOp& op) {
    std::string v;
    if (p)
        for (const auto& o : p->operations)
            if (o.name == op.operation && o.interval_ms == op.interval_ms)
                v = o.on_fail;
    return v;
}

OnFail configured_on_fail(const cib::Primitive* p, const cib::LrmRscOp& op, const WorkingSet& ws) {
    std::string v = on_fail_setting(p, op);
    if (v.empty()) {
        if (op.operation == "stop")
            return ws.stonith_enabled ? OnFail::Fence : OnFail::Block;
        return OnFail::Restart;
    }
    if (v == "ignore")
        return OnFail::Ignore;
    if (v == "block")
        return OnFail::Block;
    if (v == "stop")
        return OnFail::Stop;
    if (v == "standby")
        return OnFail::Standby;
    if (v == "fence")
        return ws.stonith_enabled ? OnFail::Fence : OnFail::Block;
    return OnFail::Restart;
}

// failure-timeout as it applies to one resource's history on one node.
struct Expiry {
    std::int64_t timeout = 0;    // seconds; 0: failures never expire
    bool counted_fails = false;  // an unexpired fail count is in effect there
};

// A failed operation older than failure-timeout no longer counts, unless a
// fail count that has not expired says the failure is still in effect.
bool op_expired(const cib::LrmRscOp& op, const Expiry& ex, WorkingSet& ws) {
    if (ex.timeout <= 0 || !op.last_rc_change)
        return false;
    std::int64_t when = *op.last_rc_change + ex.timeout;
    if (when > ws.now) {
        ws.expires_at(when);
        return false;
    }
    return !ex.counted_fails;
}

Result<History> replay(const cib::LrmResource& lr, const cib::Primitive* p, WorkingSet& ws,
                       const Expiry& ex) {
    std::vector<const cib::LrmRscOp*> ops;
    for (const auto& op : lr.ops)
        ops.push_back(&op);
    std::stable_sort(ops.begin(), ops.end(),
                     [](auto* a, auto* b) { return a->call_id < b->call_id; });
    History h;
    for (const auto* op : ops) {
        if (op->op_status == 1)
            continue;  // cancelled
        if (op->op_status == -1 || op->call_id < 0)
            return Error{"unsupported by the scheduler: pending operation '" + op->id + "'"};
        if (op->operation == "migrate_to" || op->operation == "migrate_from")
            return Error{"unsupported by the scheduler: migration history '" + op->id + "'"};
        bool probe = op->operation == "monitor" && op->interval_ms == 0;
        int expected = target_rc(*op);
        // An "error" status with the expected result code is a success: the
        // result code decides (old histories record probes that way).
        bool done = op->op_status == 0 || op->op_status == 4;
        bool success =
            done && (op->rc_code == expected ||
                     (probe && (op->rc_code == 0 || op->rc_code == 7 || op->rc_code == 8)));
        // Stopped-role monitors expect "not running".
        if (done && !probe && op->operation == "monitor" && op->rc_code == 7 && expected == 7)
            success = true;
        std::string key = op->operation + "_" + std::to_string(op->interval_ms);
        if (success) {
            // "Not running" closes any earlier failure, and so does a
            // success of the very operation that failed last (a recurring
            // monitor that passes again).
            bool clear = op->rc_code == 7 || key == h.failure_key;
            if (op->operation == "start") {
                h.role = Role::Started;
                clear = true;
            } else if (op->operation == "stop") {
                h.role = Role::Stopped;
                clear = true;
            } else if (op->operation == "promote") {
                h.role = Role::Promoted;
                clear = true;
            } else if (op->operation == "demote") {
                h.role = Role::Unpromoted;
                clear = true;
            } else if (op->operation == "monitor") {
                if (op->rc_code == 7) {
                    h.role = Role::Stopped;
                } else if (op->rc_code == 8) {
                    h.role = Role::Promoted;
                } else if (h.role == Role::Stopped) {
                    h.role = Role::Started;
                }
            }
            if (clear && (h.on_fail == OnFail::Restart || h.on_fail == OnFail::Ignore ||
                          h.on_fail == OnFail::Block)) {
                h.on_fail = OnFail::None;
                h.failed_stop = false;
            }
            if (clear)
                h.failed_start = false;
            continue;
        }
        int rc = op->rc_code;
        OnFail of = configured_on_fail(p, *op, ws);
        // An expired failure is as if it never happened; a blocked one
        // waits for the operator whatever its age.
        if (of != OnFail::Block && op_expired(*op, ex, ws))
            continue;
        // on-fail=demote (demote and promote again in place) only matters
        // once such an operation has failed; until then it is accepted.
        if (on_fail_setting(p, *op) == "demote")
            return Error{"unsupported by the scheduler: on-fail=demote after the failure '" +
                         op->id + "'"};
        // A probe that finds the agent missing: not running here, never will be.
        if (probe && done && rc == 5) {
            h.role = Role::Stopped;
            h.hard_ban = true;
            continue;
        }
        // Hard errors (by result code or execution status) ban the node;
        // fatal ones ban every node. Neither can be ignored.
        bool hard = rc == 2 || rc == 4 || rc == 5 || (rc == 3 && op->interval_ms == 0) ||
                    op->op_status == 5 || op->op_status == 7;
        bool fatal = rc == 6 || op->op_status == 6;
        if (hard)
            h.hard_ban = true;
        if (fatal)
            h.fatal_ban = true;
        if (of == OnFail::Ignore && (hard || fatal))
            of = OnFail::Restart;
        if (of == OnFail::Ignore) {
            if (h.role == Role::Stopped && op->operation != "stop")
                h.role = Role::Started;
            continue;
        }
        if (op->operation == "start")
            h.failed_start = true;
        if (op->operation == "stop") {
            h.failed_stop = true;
            h.role = std::max(h.role, Role::Started);
        } else if (op->operation == "promote") {
            h.role = Role::Promoted;
        } else if (h.role == Role::Stopped) {
            h.role = Role::Started;
        }
        if (of > h.on_fail)
            h.on_fail = of;
        h.failure_key = key;
    }
    return h;
}

// The primitive of clone instance `inst` configured as `prim_id` (the
// first in primitives_of() order; searched in place, as this runs for every
// instance of a clone for each of its histories).
Rsc* prim_in(Rsc* inst, const std::string& prim_id) {
    if (inst->is_primitive())
        return inst->prim && inst->prim->id == prim_id ? inst : nullptr;
    for (Rsc* c : inst->children)
        if (Rsc* p = prim_in(c, prim_id))
            return p;
    return nullptr;
}

}  // namespace

Status unpack_status(const cib::Cib& cib, WorkingSet& ws) {
    const size_t nn = ws.nodes.size();
    std::vector<Rsc*> prims;
    for (Rsc* t : ws.top)
        primitives_of(t, prims);
    for (Rsc* p : prims) {
        p->known.assign(nn, 0);
        p->failcount.assign(nn, 0);
        p->banned.assign(nn, 0);
    }
    std::vector<char> seen(nn, 0);
    for (const auto& s : cib.status.nodes) {
        int ni = ws.node_index(s.uname);
        if (ni < 0)
            ni = ws.node_index(s.id);
        if (ni < 0)
            continue;  // status of a node no longer configured
        seen[ni] = 1;
        unpack_node(s, ws.nodes[ni], ws);
    }
    for (size_t i = 0; i < nn; ++i)
        if (!seen[i] && ws.stonith_enabled)
            ws.nodes[i].unclean = true;  // never seen: startup fencing
    // no-quorum-policy=fence: a partition that lost quorum fences its own
    // members, so that the quorate side may take over what they ran.
    if (!ws.have_quorum && ws.no_quorum_policy == "fence")
        for (auto& n : ws.nodes)
            if (n.online)
                n.unclean = true;

    for (const auto& s : cib.status.nodes) {
        int ni = ws.node_index(s.uname);
        if (ni < 0)
            ni = ws.node_index(s.id);
        if (ni < 0)
            continue;
        Node& node = ws.nodes[ni];
        // Without fencing a node that is down runs nothing: its history is
        // not read at all (so it claims no clone instance either).
        if (!ws.stonith_enabled && !node.online)
            continue;
        NodeFailures nf = read_node_failures(node, ws, cib.crm_feature_set);
        const auto& fails = nf.fails;
        const auto& exact_fails = nf.exact_fails;
        const auto& last = nf.last;
        const auto& exact_last = nf.exact_last;
        // Primitives whose fail count here their history has set.
        std::set<Rsc*> recorded;
        // Clone instances already placed on this node by history suffix.
        std::map<std::pair<Rsc*, std::string>, Rsc*> instance_for;
        for (const auto& lr : s.resources) {
            std::string id = lr.id;
            auto it = ws.by_id.find(id);
            if (it == ws.by_id.end())
                it = ws.by_id.find(base_id(id));
            Rsc* target = nullptr;
            Rsc* clone = nullptr;
            std::string prim_id = it == ws.by_id.end() ? id : id;
            if (it != ws.by_id.end()) {
                if (it->second->kind == Kind::Clone) {
                    clone = it->second;
                    prim_id = ws.by_id.count(id) && ws.by_id[id] == clone ? id : base_id(id);
                } else if (it->second->is_primitive() && !it->second->clone_ancestor()) {
                    target = it->second;
                } else if (it->second->is_primitive()) {
                    clone = it->second->clone_ancestor();
                    prim_id = it->second->prim->id;
                }
            }
            const cib::Primitive* cfg = nullptr;
            if (target)
                cfg = target->prim;
            if (clone) {
                Rsc* any = prim_in(clone->children.empty() ? clone : clone->children[0], prim_id);
                cfg = any ? any->prim : nullptr;
            }
            // The fail count that still counts: none once the last failure
            // is older than failure-timeout (without a last-failure time,
            // the newest operation recorded here stands in for it).
            Rsc* cfg_rsc = target;
            if (clone)
                cfg_rsc = prim_in(clone->children.empty() ? clone : clone->children[0], prim_id);
            std::int64_t timeout = cfg_rsc ? cfg_rsc->failure_timeout : 0;
            std::int64_t newest = 0;
            for (const auto& op : lr.ops)
                newest = std::max(newest, op.last_rc_change.value_or(0));
            auto effective = [&](const std::map<std::string, long long>& counts,
                                 const std::map<std::string, std::int64_t>& stamps,
                                 const std::string& key) -> long long {
                auto c = counts.find(key);
                long long count = c == counts.end() ? 0 : c->second;
                if (count <= 0 || timeout <= 0)
                    return count;
                auto st = stamps.find(key);
                std::int64_t when = (st == stamps.end() ? newest : st->second) + timeout;
                if (when <= ws.now)
                    return 0;
                ws.expires_at(when);
                return count;
            };
            Expiry ex;
            ex.timeout = timeout;
            if (clone && clone->unique)
                ex.counted_fails = effective(exact_fails, exact_last, id) > 0;
            else if (clone)
                ex.counted_fails = effective(fails, last, prim_id) > 0;
            else if (target)
                ex.counted_fails = effective(fails, last, target->id) > 0;
            auto h = replay(lr, cfg, ws, ex);
            if (!h)
                return Error{h.error() + " on node " + node.name};
            bool active = h->role != Role::Stopped;
            if (clone) {
                // Anonymous clone: any free instance will do; members of one
                // cloned-group instance (same suffix) stay together.
                std::string suffix = id.size() > prim_id.size() ? id.substr(prim_id.size()) : "";
                for (Rsc* inst : clone->children)
                    if (Rsc* p = prim_in(inst, prim_id)) {
                        // Unique instances are distinct: a history tells
                        // about its own instance only (no probe for it).
                        if (!clone->unique || p->id == id)
                            p->known[ni] = 1;
                        recorded.insert(p);
                        if (!clone->unique)
                            p->failcount[ni] = static_cast<int>(effective(fails, last, prim_id));
                        else
                            p->failcount[ni] =
                                static_cast<int>(effective(exact_fails, exact_last, p->id));
                    }
                if (!active && !h->hard_ban && !h->fatal_ban)
                    continue;
                Rsc*& inst = instance_for[{clone, suffix}];
                if (clone->unique) {
                    // Unique instances are who their number says.
                    inst = nullptr;
                    if (suffix.size() > 1 && suffix[0] == ':') {
                        int k = std::atoi(suffix.c_str() + 1);
                        if (k >= 0 && k < static_cast<int>(clone->children.size()))
                            inst = clone->children[k];
                    }
                } else if (!inst || !active) {
                    inst = nullptr;
                    // Keep the history's instance number when it is free, so
                    // per-instance attributes (promotion scores) still match.
                    std::vector<Rsc*> cands = clone->children;
                    if (suffix.size() > 1 && suffix[0] == ':') {
                        int k = std::atoi(suffix.c_str() + 1);
                        if (k >= 0 && k < static_cast<int>(cands.size()))
                            std::rotate(cands.begin(), cands.begin() + k, cands.begin() + k + 1);
                    }
                    for (Rsc* cand : cands) {
                        Rsc* p = prim_in(cand, prim_id);
                        if (!p || !p->running_on.empty())
                            continue;
                        bool used = std::any_of(
                            instance_for.begin(), instance_for.end(), [&](const auto& e) {
                                return e.second == cand && e.first.first == clone;
                            });
                        if (!used) {
                            inst = cand;
                            break;
                        }
                    }
                }
                if (!inst) {
                    // More active instances than clone-max: an orphan instance.
                    Rsc* o = ws.make(Kind::Primitive);
                    o->id = id;
                    o->name = clone->id + ":" + prim_id;
                    o->orphan = true;
                    o->orphan_of = clone;
                    o->managed = clone->managed;  // an unmanaged clone's extras stay
                    o->known.assign(nn, 1);
                    o->failcount.assign(nn, 0);
                    o->banned.assign(nn, 0);
                    ws.top.push_back(o);
                    target = o;
                } else {
                    target = prim_in(inst, prim_id);
                }
                if (!active) {
                    if (h->hard_ban)
                        target->banned[ni] = 1;
                    if (h->fatal_ban)
                        target->banned.assign(nn, 1);
                    if (instance_for[{clone, suffix}] == inst)
                        instance_for.erase({clone, suffix});
                    continue;
                }
            } else if (!target) {
                // Orphan: in status, no longer configured. Stop it if active.
                auto oit = ws.by_id.find("orphan " + id);
                if (oit == ws.by_id.end()) {
                    Rsc* o = ws.make(Kind::Primitive);
                    o->id = id;
                    o->name = id;
                    o->orphan = true;
                    o->stonith = lr.cls == "stonith";
                    o->known.assign(nn, 1);
                    o->failcount.assign(nn, 0);
                    o->banned.assign(nn, 0);
                    ws.by_id["orphan " + id] = o;
                    ws.top.push_back(o);
                    oit = ws.by_id.find("orphan " + id);
                }
                target = oit->second;
            }
            target->known[ni] = 1;
            // A history recorded for a different agent is of another
            // definition: its fail count no longer applies.
            bool same_agent = !cfg || (lr.type == cfg->type && lr.cls == cfg->cls &&
                                       lr.provider == cfg->provider);
            recorded.insert(target);
            if (!clone && same_agent)
                target->failcount[ni] = static_cast<int>(effective(fails, last, target->id));
            if (h->hard_ban)
                target->banned[ni] = 1;
            if (h->fatal_ban)
                target->banned.assign(nn, 1);
            // start-failure-is-fatal acts through the fail count (the
            // controller records INFINITY for a failed start), not here:
            // a failed start without a fail count is recovered in place.
            if (!active)
                continue;
            target->running_on.push_back(ni);
            if (h->role > target->role)
                target->role = h->role;
            // A failure on a node that is to be fenced (already unclean, or
            // down while this managed resource is thought active there)
            // needs no recovery of its own: fencing stops the resource.
            bool to_fence =
                node.unclean || (!node.online && !node.maintenance && ws.stonith_enabled &&
                                 target->managed && !ws.maintenance_mode);
            OnFail of = h->on_fail;
            if (to_fence && of == OnFail::Restart)
                of = OnFail::None;
            // From now on the node is to be fenced: failures of resources
            // read after this one there are ignored too.
            if (to_fence)
                node.unclean = true;
            if (of >= OnFail::Restart) {
                target->failed = true;
                target->failure_key = h->failure_key;
            }
            if (of > target->on_fail)
                target->on_fail = of;
            if (h->failed_stop)
                target->failed_stop_node = ni;
            if (h->failed_start)
                target->failed_start = true;
        }
        count_unrecorded_failures(nf, ni, recorded, prims, ws);
    }

    // In a promotable clone, "started" is the unpromoted role.
    for (Rsc* t : ws.top) {
        std::vector<Rsc*> ps;
        primitives_of(t, ps);
        for (Rsc* p : ps)
            if (p->in_promotable() && p->role == Role::Started)
                p->role = Role::Unpromoted;
    }
    // Interpret the failures now that every node is known.
    for (Rsc* t : ws.top) {
        std::vector<Rsc*> ps;
        primitives_of(t, ps);
        for (Rsc* p : ps) {
            if (p->running_on.empty())
                continue;
            if (!ws.stonith_enabled) {
                // Without fencing, a node that is down is taken to run nothing.
                std::erase_if(p->running_on, [&](int ni) { return !ws.nodes[ni].online; });
                if (p->running_on.empty()) {
                    p->role = Role::Stopped;
                    p->failed = false;
                }
            }
            for (int ni : p->running_on) {
                Node& n = ws.nodes[ni];
                bool managed = p->managed && !ws.maintenance_mode && !n.maintenance;
                if (!n.online && !n.unclean && managed && ws.stonith_enabled)
                    n.unclean = true;  // thought to be active on a node that is down
                if (!managed)
                    continue;
                if (p->on_fail == OnFail::Fence && p->failed)
                    n.unclean = true;
                if (p->on_fail == OnFail::Standby && p->failed)
                    n.standby = true;
            }
        }
    }
    if (ws.startup_disabled())
        keep_healthy_instances(ws);
    return ok_status();
}

}  // namespace crm::scheduler::detail
