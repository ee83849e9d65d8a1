// The versioned XML form of `vigil status` (schemas/vigil-status-1.rng).
#include "crm/status/render.h"

namespace crm::status {

namespace {

const char* b(bool v) {
    return v ? "true" : "false";
}

xml::Node primitive_xml(const PrimitiveView& p) {
    xml::Node r("resource");
    r.set_attr("id", p.id);
    r.set_attr("agent", p.agent);
    r.set_attr("active", b(!p.running.empty()));
    r.set_attr("disabled", b(p.disabled));
    r.set_attr("managed", b(p.managed));
    r.set_attr("failed", b(p.failed));
    r.set_attr("nodes-running-on", std::to_string(p.running.size()));
    for (const auto& i : p.running) {
        xml::Node n("running");
        n.set_attr("node", i.node);
        n.set_attr("role", i.role);
        n.set_attr("failed", b(i.failed));
        r.add_child(std::move(n));
    }
    return r;
}

xml::Node group_xml(const GroupView& g) {
    xml::Node x("group");
    x.set_attr("id", g.id);
    x.set_attr("disabled", b(g.disabled));
    x.set_attr("members", std::to_string(g.members.size()));
    for (const auto& m : g.members)
        x.add_child(primitive_xml(m));
    return x;
}

}  // namespace

xml::Node render_xml(const ClusterView& v, std::int64_t now) {
    xml::Node root("vigil-status");
    root.set_attr("version", kStatusXmlVersion);

    xml::Node& s = root.add_child(xml::Node("summary"));
    s.set_attr("cluster-name", v.cluster_name);
    s.set_attr("stack", v.membership.stack);
    s.set_attr("source", v.membership.from_file ? "file" : "daemon");
    if (!v.membership.source.empty())
        s.set_attr("source-path", v.membership.source);
    s.set_attr("dc", v.dc);
    s.set_attr("quorum", v.quorate ? b(*v.quorate) : "unknown");
    s.set_attr("nodes-configured", std::to_string(v.nodes.size()));
    s.set_attr("resources-configured", std::to_string(v.instances_configured));
    s.set_attr("resources-disabled", std::to_string(v.instances_disabled));
    if (!v.last_change.empty())
        s.set_attr("last-change", v.last_change);
    if (now)
        s.set_attr("last-updated", std::to_string(now));

    xml::Node& opts = root.add_child(xml::Node("cluster-options"));
    opts.set_attr("stonith-enabled", b(v.stonith_enabled));
    opts.set_attr("no-quorum-policy", v.no_quorum_policy);
    opts.set_attr("maintenance-mode", b(v.maintenance_mode));

    xml::Node& warns = root.add_child(xml::Node("warnings"));
    for (const auto& w : v.warnings) {
        xml::Node x("warning");
        x.set_attr("code", w.code);
        x.set_attr("text", w.text);
        warns.add_child(std::move(x));
    }

    xml::Node& nodes = root.add_child(xml::Node("nodes"));
    for (const auto& n : v.nodes) {
        xml::Node x("node");
        x.set_attr("name", n.name);
        x.set_attr("id", n.id);
        x.set_attr("online", b(n.online));
        x.set_attr("standby", b(n.standby));
        x.set_attr("maintenance", b(n.maintenance));
        x.set_attr("is-dc", b(n.is_dc));
        x.set_attr("resources-running", std::to_string(n.resources_running));
        nodes.add_child(std::move(x));
    }

    xml::Node& res = root.add_child(xml::Node("resources"));
    for (const auto& r : v.resources) {
        if (const auto* p = std::get_if<PrimitiveView>(&r)) {
            res.add_child(primitive_xml(*p));
        } else if (const auto* g = std::get_if<GroupView>(&r)) {
            res.add_child(group_xml(*g));
        } else {
            const auto& c = std::get<CloneView>(r);
            xml::Node x("clone");
            x.set_attr("id", c.id);
            x.set_attr("promotable", b(c.promotable));
            x.set_attr("disabled", b(c.disabled));
            if (const auto* cp = std::get_if<PrimitiveView>(&c.child))
                x.add_child(primitive_xml(*cp));
            else
                x.add_child(group_xml(std::get<GroupView>(c.child)));
            res.add_child(std::move(x));
        }
    }

    xml::Node& failures = root.add_child(xml::Node("failures"));
    for (const auto& f : v.failures) {
        xml::Node x("failure");
        x.set_attr("op-key", f.op_key);
        x.set_attr("resource", f.resource);
        x.set_attr("operation", f.operation);
        x.set_attr("interval-ms", std::to_string(f.interval_ms));
        x.set_attr("node", f.node);
        x.set_attr("rc", std::to_string(f.rc));
        x.set_attr("rc-text", rc_text(f.rc));
        x.set_attr("status", op_status_text(f.op_status));
        x.set_attr("call", std::to_string(f.call_id));
        if (!f.exit_reason.empty())
            x.set_attr("exit-reason", f.exit_reason);
        if (f.last_rc_change)
            x.set_attr("last-rc-change", std::to_string(*f.last_rc_change));
        x.set_attr("queued-ms", std::to_string(f.queue_ms));
        x.set_attr("exec-ms", std::to_string(f.exec_ms));
        failures.add_child(std::move(x));
    }

    xml::Node& counts = root.add_child(xml::Node("fail-counts"));
    for (const auto& f : v.fail_counts) {
        xml::Node x("fail-count");
        x.set_attr("node", f.node);
        x.set_attr("resource", f.resource);
        if (!f.operation.empty())
            x.set_attr("operation", f.operation);
        x.set_attr("value", f.value);
        if (!f.last_failure.empty())
            x.set_attr("last-failure", f.last_failure);
        counts.add_child(std::move(x));
    }

    xml::Node& bans = root.add_child(xml::Node("bans"));
    for (const auto& ban : v.bans) {
        xml::Node x("ban");
        x.set_attr("id", ban.id);
        x.set_attr("resource", ban.resource);
        x.set_attr("node", ban.node);
        x.set_attr("score", ban.score);
        bans.add_child(std::move(x));
    }

    if (!v.fence_history.empty()) {
        xml::Node& fh = root.add_child(xml::Node("fence-history"));
        for (const auto& f : v.fence_history) {
            xml::Node x("fence-event");
            x.set_attr("target", f.target);
            x.set_attr("action", f.action);
            x.set_attr("result", f.ok ? "ok" : "failed");
            x.set_attr("device", f.device);
            x.set_attr("by", f.by);
            x.set_attr("at", std::to_string(f.at));
            if (!f.detail.empty())
                x.set_attr("detail", f.detail);
            fh.add_child(std::move(x));
        }
    }

    if (!v.daemons.empty()) {
        xml::Node& daemons = root.add_child(xml::Node("daemons"));
        for (const auto& d : v.daemons) {
            xml::Node x("daemon");
            x.set_attr("name", d.name);
            x.set_attr("active", b(d.active));
            x.set_attr("enabled", d.enabled ? b(*d.enabled) : "unknown");
            daemons.add_child(std::move(x));
        }
    }
    return root;
}

}  // namespace crm::status
