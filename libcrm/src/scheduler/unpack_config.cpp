// Configuration -> working set: cluster options, nodes, the resource tree
// with clones expanded into instances, and constraints resolved to
// resources. Anything the scheduler does not implement is refused here by
// name, so it never guesses.
#include <algorithm>
#include <set>

#include "clone_min.h"
#include "crm/common/duration.h"
#include "crm/common/strings.h"
#include "rules.h"
#include "working_set.h"

namespace crm::scheduler::detail {

namespace {

bool truthy(const std::string& v, bool dflt) {
    auto b = parse_bool(v);
    return b ? *b : dflt;
}

// Values from sets of one kind: skip sets that carry rules (refused
// separately) and "#default" (Pacemaker's "unset").
std::map<std::string, std::string> plain(const std::vector<cib::NvSet>& sets) {
    return cib::flatten(sets);
}

Status refuse(const std::string& what) {
    return Error{"unsupported by the scheduler: " + what};
}

Status check_sets_without_rules(const std::vector<cib::NvSet>& sets, const std::string& where) {
    for (const auto& s : sets)
        if (s.rule)
            return refuse("rule in " + where + " set '" + s.id + "'");
    return ok_status();
}

// Meta attributes and operation settings the scheduler does not act on:
// refused by name where no scheduler test that passes uses them; noted as
// warnings where refusing would lose decisions it already gets right
// (their effect lies outside placement and the transition summary, or
// only shows in cases it does not match yet).
Status check_primitive(const cib::Primitive& p, const std::map<std::string, std::string>& meta) {
    auto get = [&](const char* k) {
        auto it = meta.find(k);
        return it == meta.end() ? std::string() : it->second;
    };
    std::string where = " on resource '" + p.id + "'";
    if (!get("remote-node").empty())
        return refuse("remote-node (guest node) meta attribute" + where);
    std::string ma = get("multiple-active");
    if (ma == "block" || ma == "stop_only")
        return refuse("multiple-active=" + ma + where);
    if (get("requires") == "unfencing")
        return refuse("requires=unfencing" + where);
    if (!truthy(get("critical"), true))
        return refuse("critical=false" + where);
    for (const auto& op : p.operations)
        if (op.on_fail == "restart-container")
            return refuse("on-fail=" + op.on_fail + " in operation '" + op.id + "'" + where);
    return ok_status();
}

// "suicide" is the old name of "fence". Fencing a partition for want of
// quorum needs fencing, and a partition that had quorum once (the DC marks
// its input with no-quorum-panic when it loses it, so a cluster still
// starting up does not fence itself); otherwise fence acts as stop.
Status no_quorum_policy(std::string value, bool panic, WorkingSet& ws) {
    if (value.empty())
        value = "stop";
    if (value == "suicide")
        value = "fence";
    if (value != "stop" && value != "freeze" && value != "ignore" && value != "demote" &&
        value != "fence")
        return Error{"no-quorum-policy=" + value +
                     " is not a policy (stop, freeze, ignore, demote, fence or suicide)"};
    if (value == "fence" && !ws.stonith_enabled) {
        ws.warnings.push_back("no-quorum-policy=fence acts as stop: fencing is disabled");
        value = "stop";
    } else if (value == "fence" && !panic && !ws.have_quorum) {
        value = "stop";  // never had quorum: nothing to give up
    }
    ws.no_quorum_policy = value;
    return ok_status();
}

void note_clone_settings(WorkingSet& ws, const Rsc& c) {
    auto get = [&](const char* k) {
        auto it = c.meta.find(k);
        return it == c.meta.end() ? std::string() : it->second;
    };
    std::string where = " on clone '" + c.id + "'";
    if (truthy(get("notify"), false))
        ws.warnings.push_back("notify=true" + where +
                              " is not implemented: no notify actions are scheduled");
}

struct Builder {
    const cib::Cib& cib;
    WorkingSet& ws;
    std::map<std::string, std::string> defaults;  // rsc_defaults

    void apply_settings(Rsc* r) {
        auto get = [&](const char* k) -> std::string {
            auto it = r->meta.find(k);
            return it == r->meta.end() ? std::string() : it->second;
        };
        r->managed = truthy(get("is-managed"), true) && !truthy(get("maintenance"), false);
        r->target_role = get("target-role");
        if (auto s = Score::parse(get("resource-stickiness")))
            r->stickiness = *s;
        std::string mt = get("migration-threshold");
        if (!mt.empty())
            if (auto s = Score::parse(mt))
                r->migration_threshold = s->value();
        if (auto s = Score::parse(get("priority")))
            r->priority = s->value();
        // Pacemaker reads an unparsable failure-timeout as 0 (disabled).
        if (auto ms = parse_duration_ms(get("failure-timeout")); ms && *ms > 0)
            r->failure_timeout = *ms / 1000;
    }

    std::map<std::string, std::string> merged(const std::vector<cib::NvSet>& own,
                                              const Rsc* parent) {
        auto m = parent ? parent->meta : defaults;
        for (auto& [k, v] : plain(own))
            m[k] = v;
        return m;
    }

    Result<Rsc*> primitive(const cib::Primitive& p, Rsc* parent, const std::string& suffix,
                           const std::string& clone_id) {
        if (!p.template_ref.empty())
            return Error{"unsupported by the scheduler: template reference in primitive '" + p.id +
                         "'"};
        if (auto st = check_sets_without_rules(p.meta_attributes, "primitive '" + p.id + "' meta");
            !st)
            return Error{st.error()};
        Rsc* r = ws.make(Kind::Primitive);
        r->prim = &p;
        r->id = p.id + suffix;
        r->name = clone_id.empty() ? p.id : clone_id + ":" + p.id;
        r->parent = parent;
        r->meta = merged(p.meta_attributes, parent);
        if (r->meta.count("container"))
            return Error{"unsupported by the scheduler: container meta attribute on '" + p.id +
                         "'"};
        if (auto st = check_primitive(p, r->meta); !st)
            return Error{st.error()};
        if (auto it = r->meta.find("allow-migrate");
            it != r->meta.end() && truthy(it->second, false))
            ws.warnings.push_back("allow-migrate=true on resource '" + p.id +
                                  "' is not implemented: a move stops it and starts it again");
        r->stonith = p.is_stonith();
        if (r->stonith)
            ws.has_fence_device = true;
        for (auto& [k, v] : plain(p.utilization))
            if (auto s = Score::parse(v))
                r->utilization[k] = s->value();
        apply_settings(r);
        ws.by_id[r->id] = r;
        return r;
    }

    Result<Rsc*> group(const cib::Group& g, Rsc* parent, const std::string& suffix,
                       const std::string& clone_id) {
        Rsc* r = ws.make(Kind::Group);
        r->id = g.id + suffix;
        r->name = g.id;
        r->parent = parent;
        r->meta = merged(g.meta_attributes, parent);
        apply_settings(r);
        ws.by_id[r->id] = r;
        for (const auto& m : g.members) {
            auto c = primitive(m, r, suffix, clone_id);
            if (!c)
                return c;
            r->children.push_back(*c);
        }
        return r;
    }

    Result<Rsc*> clone(const cib::Clone& c) {
        if (c.promotable() && std::holds_alternative<cib::Group>(c.child))
            return Error{"unsupported by the scheduler: promotable cloned group '" + c.id + "'"};
        Rsc* r = ws.make(Kind::Clone);
        r->id = c.id;
        r->name = c.id;
        r->meta = merged(c.meta_attributes, nullptr);
        apply_settings(r);
        r->unique = truthy(r->meta["globally-unique"], false);
        // Only OCF and fencing agents can run distinct instances side by
        // side; a clone of any other class of agent is anonymous whatever
        // globally-unique says.
        auto instanceable = [](const cib::Primitive& p) {
            return p.cls == "ocf" || p.cls == "stonith";
        };
        if (const auto* p = std::get_if<cib::Primitive>(&c.child); p && !instanceable(*p))
            r->unique = false;
        if (const auto* g = std::get_if<cib::Group>(&c.child))
            for (const auto& m : g->members)
                if (!instanceable(m))
                    r->unique = false;
        int nodes = static_cast<int>(ws.nodes.size());
        r->clone_max = nodes;
        if (auto s = Score::parse(r->meta["clone-max"]))
            r->clone_max = std::max(0, s->value());
        if (auto s = Score::parse(r->meta["clone-node-max"]))
            r->clone_node_max = std::max(0, s->value());
        r->ordered = truthy(r->meta["ordered"], false);
        auto min = parse_clone_min(r->meta["clone-min"], c.id);
        if (!min)
            return Error{min.error()};
        r->clone_min = *min;
        note_clone_settings(ws, *r);
        r->promotable = c.promotable();
        auto meta_int = [&](const char* name, const char* legacy, int dflt) {
            std::string v = r->meta[name];
            if (v.empty())
                v = r->meta[legacy];
            auto s = Score::parse(v);
            return s ? std::max(0, s->value()) : dflt;
        };
        r->promoted_max = meta_int("promoted-max", "master-max", 1);
        r->promoted_node_max = meta_int("promoted-node-max", "master-node-max", 1);
        ws.by_id[r->id] = r;
        // Clone instances stick to where they run unless told otherwise.
        Rsc holder;  // carries the metadata the instances inherit (read only)
        holder.meta = r->meta;
        if (!holder.meta.count("resource-stickiness"))
            holder.meta["resource-stickiness"] = "1";
        for (int i = 0; i < r->clone_max; ++i) {
            std::string suffix = ":" + std::to_string(i);
            Result<Rsc*> inst =
                std::holds_alternative<cib::Primitive>(c.child)
                    ? primitive(std::get<cib::Primitive>(c.child), &holder, suffix, c.id)
                    : group(std::get<cib::Group>(c.child), &holder, suffix, c.id);
            if (!inst)
                return inst;
            (*inst)->parent = r;
            r->children.push_back(*inst);
        }
        // Look-ups by the child's configured id find the clone.
        ws.by_id[c.child_id()] = r;
        if (auto* g = std::get_if<cib::Group>(&c.child))
            for (const auto& m : g->members)
                ws.by_id[m.id] = r;
        return r;
    }
};

// Role names as written, legacy ones included; nullopt if not a role.
std::optional<Role> parse_role(const std::string& r) {
    if (r.empty() || r == "Started")
        return Role::Started;
    if (r == "Promoted" || r == "Master")
        return Role::Promoted;
    if (r == "Unpromoted" || r == "Slave")
        return Role::Unpromoted;
    if (r == "Stopped")
        return Role::Stopped;
    return std::nullopt;
}

Result<Rsc*> lookup(WorkingSet& ws, const std::string& id, const std::string& where) {
    auto it = ws.by_id.find(id);
    if (it == ws.by_id.end())
        return Error{where + " refers to unknown resource '" + id + "'"};
    return it->second;
}

Result<std::vector<Rsc*>> set_members(WorkingSet& ws, const cib::ResourceSet& s,
                                      const std::string& where, bool require_all_ok = false) {
    if (!s.id_ref.empty())
        return Error{"unsupported by the scheduler: resource set reference in " + where};
    if (!require_all_ok && s.require_all.has_value() && !*s.require_all)
        return Error{"unsupported by the scheduler: require-all=false in " + where};
    std::vector<Rsc*> out;
    for (const auto& id : s.resources) {
        auto r = lookup(ws, id, where);
        if (!r)
            return Error{r.error()};
        out.push_back(*r);
    }
    return out;
}

// Colocation sets: within a sequential set each member goes with the one
// before it; between sets, the first of a set goes with the last of the
// next (each member when a set is not sequential).
Status colocation_sets(WorkingSet& ws, const cib::ColocationConstraint& c) {
    std::string where = "colocation '" + c.id + "'";
    if (!c.score_value)
        return ok_status();
    std::vector<std::pair<std::vector<Rsc*>, const cib::ResourceSet*>> sets;
    for (const auto& s : c.sets) {
        auto m = set_members(ws, s, where);
        if (!m)
            return Error{m.error()};
        auto role = parse_role(s.role);
        if (!role || *role == Role::Stopped)
            return refuse("role in " + where);
        sets.push_back({*m, &s});
    }
    for (auto& [members, s] : sets) {
        Role role = *parse_role(s->role);
        Score score = c.score_value.value();
        if (!s->score.empty())
            if (auto sc = Score::parse(s->score))
                score = *sc;
        if (s->sequential.value_or(true))
            for (size_t i = 1; i < members.size(); ++i)
                ws.colocations.push_back({members[i], members[i - 1], score, role, role, c.id});
    }
    for (size_t k = 0; k + 1 < sets.size(); ++k) {
        auto& [a, sa] = sets[k];
        auto& [b, sb] = sets[k + 1];
        if (a.empty() || b.empty())
            continue;
        std::vector<Rsc*> deps = sa->sequential.value_or(true) ? std::vector<Rsc*>{a.front()} : a;
        std::vector<Rsc*> prims = sb->sequential.value_or(true) ? std::vector<Rsc*>{b.back()} : b;
        for (Rsc* d : deps)
            for (Rsc* p : prims)
                ws.colocations.push_back(
                    {d, p, *c.score_value, *parse_role(sa->role), *parse_role(sb->role), c.id});
    }
    return ok_status();
}

// Order sets: a sequential set is a chain; consecutive sets are ordered
// last-of-one before first-of-next (every member for unordered sets).
Status order_sets(WorkingSet& ws, const cib::OrderConstraint& o) {
    std::string where = "order '" + o.id + "'";
    bool mandatory = o.kind != "Optional" && o.kind != "Serialize";
    if (o.kind.empty() && !o.score.empty())
        if (auto s = Score::parse(o.score); s && s->value() == 0)
            mandatory = false;
    bool symmetrical = o.kind != "Serialize" && o.symmetrical.value_or(true);
    std::vector<std::pair<std::vector<Rsc*>, std::string>> sets;
    std::vector<bool> sequential, require_all;
    for (const auto& s : o.sets) {
        auto m = set_members(ws, s, where, true);
        if (!m)
            return Error{m.error()};
        std::string action = s.action.empty() ? "start" : s.action;
        if (action != "start" && action != "stop" && action != "promote" && action != "demote")
            return refuse(where + " action " + action);
        sets.push_back({*m, action});
        sequential.push_back(s.sequential.value_or(true));
        require_all.push_back(s.require_all.value_or(true));
    }
    auto add = [&](Rsc* f, const std::string& fa, Rsc* t, const std::string& ta,
                   const std::vector<Rsc*>& any_of = {}) {
        OrderRule r;
        r.any_of = any_of;
        r.first = f;
        r.then = t;
        r.first_action = fa;
        r.then_action = ta;
        r.mandatory = mandatory;
        r.symmetrical = symmetrical;
        ws.orders.push_back(r);
    };
    for (size_t k = 0; k < sets.size(); ++k)
        if (sequential[k])
            for (size_t i = 1; i < sets[k].first.size(); ++i)
                add(sets[k].first[i - 1], sets[k].second, sets[k].first[i], sets[k].second);
    for (size_t k = 0; k + 1 < sets.size(); ++k) {
        auto& a = sets[k].first;
        auto& b = sets[k + 1].first;
        if (a.empty() || b.empty())
            continue;
        std::vector<Rsc*> firsts = sequential[k] ? std::vector<Rsc*>{a.back()} : a;
        std::vector<Rsc*> thens = sequential[k + 1] ? std::vector<Rsc*>{b.front()} : b;
        // require-all=false: every member of the next set waits for any
        // one member of this one, sequential or not.
        if (!require_all[k]) {
            for (Rsc* t : b)
                add(a.front(), sets[k].second, t, sets[k + 1].second, a);
            continue;
        }
        for (Rsc* f : firsts)
            for (Rsc* t : thens)
                add(f, sets[k].second, t, sets[k + 1].second);
    }
    return ok_status();
}

}  // namespace

void primitives_of(Rsc* r, std::vector<Rsc*>& out) {
    if (r->is_primitive()) {
        out.push_back(r);
        return;
    }
    for (Rsc* c : r->children)
        primitives_of(c, out);
}

Status unpack_config(const cib::Cib& cib, WorkingSet& ws) {
    const auto& cfg = cib.configuration;
    for (const auto& u : cfg.unsupported) {
        std::string elem = u.substr(0, u.find(' '));
        static const std::set<std::string> harmless = {
            "acls", "acl_target", "acl_role", "acl_user", "acl_group", "alerts", "alert",
            "op_defaults", "rsc_defaults", "meta_attributes",
            // only the fencer uses the topology
            "fencing-topology", "fencing-level"};
        if (!harmless.count(elem))
            return refuse(u);
    }
    if (auto st = check_sets_without_rules(cfg.crm_config, "crm_config"); !st)
        return st;
    if (auto st = check_sets_without_rules(cfg.rsc_defaults, "rsc_defaults"); !st)
        return st;

    auto props = plain(cfg.crm_config);
    auto prop = [&](const char* k) {
        auto it = props.find(k);
        return it == props.end() ? std::string() : it->second;
    };
    ws.symmetric = truthy(prop("symmetric-cluster"), true);
    std::string se = prop("fencing-enabled");
    if (se.empty())
        se = prop("stonith-enabled");
    ws.stonith_enabled = truthy(se, true);
    std::string sa = prop("fencing-action");
    if (sa.empty())
        sa = prop("stonith-action");
    if (sa == "poweroff")
        sa = "off";
    if (!sa.empty())
        ws.stonith_action = sa;
    ws.have_quorum = truthy(cib.have_quorum, false);
    if (auto st =
            no_quorum_policy(prop("no-quorum-policy"), truthy(cib.no_quorum_panic, false), ws);
        !st)
        return st;
    ws.maintenance_mode = truthy(prop("maintenance-mode"), false);
    // Probes only where the state is unknown and the cluster wants them.
    if (!truthy(prop("enable-startup-probes"), true))
        ws.probes = false;
    ws.start_failure_is_fatal = truthy(prop("start-failure-is-fatal"), true);
    if (!truthy(prop("stop-orphan-resources"), true))
        return refuse("stop-orphan-resources=false");
    if (!truthy(prop("startup-fencing"), true))
        return refuse("startup-fencing=false");
    if (truthy(prop("stop-all-resources"), false))
        return refuse("stop-all-resources=true");
    if (!truthy(prop("stop-orphan-actions"), true))
        return refuse("stop-orphan-actions=false");
    if (truthy(prop("shutdown-lock"), false))
        return refuse("shutdown-lock=true");
    if (auto d = parse_duration_ms(prop("priority-fencing-delay")); d && *d > 0)
        return refuse("priority-fencing-delay");
    std::string ps = prop("placement-strategy");
    if (!ps.empty())
        ws.placement_strategy = ps;
    if (ps != "" && ps != "default" && ps != "utilization" && ps != "minimal" && ps != "balanced")
        return refuse("placement-strategy=" + ps);
    ws.dc_uuid = cib.dc_uuid;

    int idx = 0;
    for (const auto& n : cfg.nodes) {
        if (!n.type.empty() && n.type != "member" && n.type != "normal")
            return refuse("node '" + n.uname + "' of type " + n.type);
        if (auto st = check_sets_without_rules(n.instance_attributes, "node '" + n.uname + "'");
            !st)
            return st;
        Node node;
        node.name = n.uname;
        node.id = n.id;
        node.index = idx++;
        node.attrs = plain(n.instance_attributes);
        node.is_dc = !cib.dc_uuid.empty() && n.id == cib.dc_uuid;
        for (auto& [k, v] : plain(n.utilization))
            if (auto s = Score::parse(v))
                node.capacity[k] = s->value();
        ws.nodes.push_back(std::move(node));
    }

    Builder b{cib, ws, plain(cfg.rsc_defaults)};
    for (const auto& res : cfg.resources) {
        Result<Rsc*> r = Error{""};
        if (auto* p = std::get_if<cib::Primitive>(&res))
            r = b.primitive(*p, nullptr, "", "");
        else if (auto* g = std::get_if<cib::Group>(&res))
            r = b.group(*g, nullptr, "", "");
        else
            r = b.clone(std::get<cib::Clone>(res));
        if (!r)
            return Error{r.error()};
        ws.top.push_back(*r);
    }

    for (const auto& l : cfg.locations) {
        if (!l.rsc_pattern.empty())
            return refuse("rsc-pattern in location '" + l.id + "'");
        if (!l.sets.empty())
            return refuse("resource set in location '" + l.id + "'");
        auto lrole = parse_role(l.role);
        if (!lrole || *lrole == Role::Stopped || *lrole == Role::Unpromoted)
            return refuse("role " + l.role + " in location '" + l.id + "'");
        if (!l.resource_discovery.empty() && l.resource_discovery != "always")
            return refuse("resource-discovery in location '" + l.id + "'");
        // Applied in placement; resolved here so unknown ids fail early.
        auto r = lookup(ws, l.rsc, "location '" + l.id + "'");
        if (!l.rules.empty()) {
            for (const auto& rule : l.rules) {
                auto rr = parse_role(rule.role);
                if (!rr || *rr == Role::Stopped || *rr == Role::Unpromoted)
                    return refuse("role " + rule.role + " in rule of location '" + l.id + "'");
            }
            if (r)
                ws.rule_locations.push_back({*r, &l});
            continue;
        }
        int n = ws.node_index(l.node);
        // Pacemaker ignores constraints on unknown resources or nodes.
        if (!r || n < 0 || !l.score_value)
            continue;
        ws.locations.push_back({*r, n, *l.score_value, *lrole, l.id});
    }
    for (const auto& c : cfg.colocations) {
        if (!c.sets.empty()) {
            if (auto st = colocation_sets(ws, c); !st)
                return st;
            continue;
        }
        if (!c.node_attribute.empty() && c.node_attribute != "#uname")
            return refuse("node-attribute in colocation '" + c.id + "'");
        auto drole = parse_role(c.rsc_role);
        auto prole = parse_role(c.with_rsc_role);
        if (!drole || !prole || *drole == Role::Stopped || *prole == Role::Stopped)
            return refuse("role in colocation '" + c.id + "'");
        auto d = lookup(ws, c.rsc, "colocation '" + c.id + "'");
        auto p = lookup(ws, c.with_rsc, "colocation '" + c.id + "'");
        if (!d || !p || !c.score_value)
            continue;
        ws.colocations.push_back({(*d), (*p), *c.score_value, *drole, *prole, c.id});
    }
    for (const auto& o : cfg.orders) {
        if (!o.sets.empty()) {
            if (auto st = order_sets(ws, o); !st)
                return st;
            continue;
        }
        auto f = lookup(ws, o.first, "order '" + o.id + "'");
        auto t = lookup(ws, o.then, "order '" + o.id + "'");
        if (!f || !t)
            continue;
        OrderRule rule;
        rule.first = *f;
        rule.then = *t;
        rule.first_action = o.first_action.empty() ? "start" : o.first_action;
        rule.then_action = o.then_action.empty() ? rule.first_action : o.then_action;
        for (auto* a : {&rule.first_action, &rule.then_action})
            if (*a != "start" && *a != "stop" && *a != "promote" && *a != "demote")
                return refuse("order '" + o.id + "' action " + *a);
        // Serialize: if both happen, one after the other, and nothing
        // more (neither requires nor blocks the other, never inverted for
        // the stops: Pacemaker orders only the starts).
        rule.mandatory = o.kind != "Optional" && o.kind != "Serialize";
        if (o.kind.empty() && !o.score.empty()) {
            auto s = Score::parse(o.score);
            if (s && s->value() == 0)
                rule.mandatory = false;
        }
        rule.symmetrical = o.kind != "Serialize" && o.symmetrical.value_or(true);
        rule.require_all = o.require_all.value_or(true);
        ws.orders.push_back(rule);
    }
    return ok_status();
}

}  // namespace crm::scheduler::detail

namespace crm::scheduler::detail {

Status resolve_rule_locations(WorkingSet& ws) {
    for (auto& [rsc, l] : ws.rule_locations) {
        for (const auto& rule : l->rules) {
            for (const auto& node : ws.nodes) {
                auto s = rule_score(rule, node);
                if (!s)
                    return Error{s.error() + " (location '" + l->id + "')"};
                Role role = rule.role == "Promoted" || rule.role == "Master" ? Role::Promoted
                                                                             : Role::Started;
                if (*s)
                    ws.locations.push_back({rsc, node.index, **s, role, l->id});
            }
        }
    }
    return ok_status();
}

}  // namespace crm::scheduler::detail
