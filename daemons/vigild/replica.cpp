#include "replica.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include <fmt/format.h>

#include "crm/cib/digest.h"

namespace vigild {
namespace {

namespace xml = crm::xml;
using crm::ipc::CibVersion;
using crm::ipc::Rc;

std::string short_digest(const std::string& d) {
    return d.substr(0, 12);
}

std::string view_text(const std::vector<MemberId>& view) {
    std::string out;
    for (const auto& m : view) {
        if (!out.empty())
            out += ',';
        out += to_string(m);
    }
    return "[" + out + "]";
}

// Removes every direct child named `name`.
void remove_children(xml::Node& n, std::string_view name) {
    std::erase_if(n.children, [&](const xml::Node& c) { return c.name == name; });
}

}  // namespace

void Effects::merge(Effects other) {
    for (auto& m : other.send)
        send.push_back(std::move(m));
    persist = persist || other.persist;
    synced = synced || other.synced;
    republish = republish || other.republish;
    for (auto& r : other.replies)
        replies.push_back(std::move(r));
    for (auto& l : other.log)
        log.push_back(std::move(l));
}

xml::Node empty_cib() {
    xml::Node cib("cib");
    cib.set_attr("admin_epoch", "0");
    cib.set_attr("epoch", "0");
    cib.set_attr("num_updates", "0");
    cib.set_attr("validate-with", "pacemaker-3.9");
    auto& config = cib.add_child(xml::Node("configuration"));
    for (const char* s : {"crm_config", "nodes", "resources", "constraints"}) {
        config.add_child(xml::Node(s));
    }
    cib.add_child(xml::Node("status"));
    return cib;
}

Replica::Replica(MemberId self, xml::Node cib, bool has_copy, Validator validator)
    : self_(self), cib_(std::move(cib)), has_copy_(has_copy), validator_(std::move(validator)) {}

CibVersion Replica::version() const {
    auto v = crm::ipc::cib_version_of(cib_);
    return v ? *v : CibVersion{};
}

std::string Replica::digest() const {
    return crm::cib::full_digest(cib_);
}

std::string Replica::dc_text() const {
    auto d = dc();
    return d ? fmt::format("node {}", *d) : std::string("none yet");
}

bool Replica::ready_member_in_view() const {
    return !ready_members_.empty();
}

Effects Replica::on_view(std::vector<MemberId> members) {
    std::sort(members.begin(), members.end());
    const auto old_dc = dc();
    view_ = std::move(members);
    std::erase_if(joined_, [&](const MemberId& m) {
        return !std::binary_search(view_.begin(), view_.end(), m);
    });
    std::erase_if(ready_members_, [&](const MemberId& m) {
        return !std::binary_search(view_.begin(), view_.end(), m);
    });
    round_open_ = true;
    states_.clear();
    winner_.reset();
    republish_pending_.clear();

    Effects fx;
    fx.log.push_back(fmt::format("view {}: {} member(s), comparing CIBs; DC {}", view_text(view_),
                                 view_.size(), dc_text()));
    if (old_dc != dc() && dc())
        fx.log.push_back(fmt::format("DC is now node {}", *dc()));
    CpgMessage state;
    state.type = MsgType::state;
    state.view = view_;
    state.has_copy = has_copy_;
    state.joined = joined_.contains(self_);
    state.ready = ready_;
    state.version = version();
    state.digest = digest();
    fx.send.push_back(std::move(state));
    return fx;
}

Effects Replica::on_message(const MemberId& sender, const CpgMessage& m) {
    switch (m.type) {
        case MsgType::action:
            return {};  // for the executor, not the CIB
        case MsgType::state:
            return on_state(sender, m);
        case MsgType::sync:
            return on_sync(sender, m);
        case MsgType::replace:
            return on_replace(sender, m);
        case MsgType::op_result:
            return on_op_result(sender, m);
        case MsgType::cleanup:
            return on_cleanup(sender, m);
        case MsgType::history:
            return on_history(sender, m);
        case MsgType::fenced:
            return on_fenced(sender, m);
        case MsgType::cluster:
            return on_cluster(sender, m);
        case MsgType::attr:
            return on_attr(sender, m);
    }
    return {};
}

Effects Replica::on_state(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    // A state from an earlier view (or from a process no longer in it)
    // belongs to a round that is over.
    if (!round_open_ || m.view != view_ ||
        !std::binary_search(view_.begin(), view_.end(), sender)) {
        return fx;
    }
    const auto old_dc = dc();
    states_[sender] = m;
    if (m.joined)
        joined_.insert(sender);
    if (m.ready && sender != self_)
        ready_members_.insert(sender);
    if (old_dc != dc() && dc())
        fx.log.push_back(fmt::format("DC is node {}", *dc()));
    if (states_.size() < view_.size() || winner_)
        return fx;

    bool same = true;
    for (const auto& [who, s] : states_)
        same = same && s.digest == states_.begin()->second.digest;
    if (same) {
        fx.merge(close_round(fmt::format("all members hold CIB {} ({})",
                                         crm::ipc::to_string(version()), short_digest(digest()))));
        return fx;
    }
    // Best copy: a real one over a fresh empty one, then the newest
    // configuration (admin_epoch, epoch), then one held by a member that
    // was already in the cluster (its status is live, whereas a returning
    // node's num_updates count changes from before it went away), then the
    // highest num_updates, then the lowest node id.
    auto better = [](const std::pair<const MemberId, CpgMessage>& a,
                     const std::pair<const MemberId, CpgMessage>& b) {
        const auto& va = a.second.version;
        const auto& vb = b.second.version;
        return std::tuple(a.second.has_copy, va.admin_epoch, va.epoch, a.second.joined,
                          va.num_updates, b.first) > std::tuple(b.second.has_copy, vb.admin_epoch,
                                                                vb.epoch, b.second.joined,
                                                                vb.num_updates, a.first);
    };
    auto best = states_.begin();
    for (auto it = states_.begin(); it != states_.end(); ++it) {
        if (better(*it, *best))
            best = it;
    }
    winner_ = best->first;
    fx.log.push_back(fmt::format("CIBs differ; node {} has the best copy ({} {}), syncing from it",
                                 winner_->nodeid, crm::ipc::to_string(best->second.version),
                                 short_digest(best->second.digest)));
    if (*winner_ == self_) {
        CpgMessage sync;
        sync.type = MsgType::sync;
        sync.view = view_;
        sync.cib = cib_;
        fx.send.push_back(std::move(sync));
    }
    return fx;
}

Effects Replica::on_sync(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    if (!round_open_ || m.view != view_ || !winner_ || sender != *winner_ || !m.cib)
        return fx;
    const std::string theirs = crm::cib::full_digest(*m.cib);
    if (theirs != digest()) {
        auto their_version = crm::ipc::cib_version_of(*m.cib);
        const std::string tv = their_version ? crm::ipc::to_string(*their_version) : "?";
        if (has_copy_ && their_version && version() < *their_version) {
            fx.log.push_back(fmt::format(
                "local CIB {} is older than the cluster's {}; taking node {}'s copy (changes "
                "made only on this side of a split, if any, are discarded)",
                crm::ipc::to_string(version()), tv, sender.nodeid));
        } else if (has_copy_) {
            fx.log.push_back(fmt::format(
                "local CIB {} ({}) replaced by node {}'s {} ({}); changes made only here are "
                "discarded",
                crm::ipc::to_string(version()), short_digest(digest()), sender.nodeid, tv,
                short_digest(theirs)));
        } else {
            fx.log.push_back(
                fmt::format("received the cluster's CIB {} from node {}", tv, sender.nodeid));
        }
        cib_ = *m.cib;
        fx.persist = true;
        fx.synced = true;
    }
    has_copy_ = true;
    fx.merge(close_round(
        fmt::format("synced CIB {} from node {}", crm::ipc::to_string(version()), sender.nodeid)));
    return fx;
}

// A member that had not joined before this round is a process that just
// started (a node powered back on, a restarted vigild). Whatever any copy
// says runs there is history from before: its executor has run nothing yet,
// so every member erases that node's operation history (the same decision
// everywhere, from the same state messages) and the node republishes what
// its executor knows; the DC then probes. The configuration, and the status
// of the members that stayed, come from the best copy as chosen above.
Effects Replica::forget_newcomers() {
    Effects fx;
    xml::Node* status = cib_.first_child("status");
    if (!status)
        return fx;
    bool removed = false;
    for (const auto& [who, s] : states_) {
        if (s.joined)
            continue;
        if (who == self_)
            fx.republish = true;
        for (auto& ns : status->children) {
            if (ns.name != "node_state" || ns.attr("id") != std::to_string(who.nodeid))
                continue;
            const auto n =
                std::erase_if(ns.children, [](const xml::Node& c) { return c.name == "lrm"; });
            if (n > 0) {
                removed = true;
                fx.log.push_back(fmt::format(
                    "node {} ({}) is back: its operation history from before is discarded",
                    who.nodeid, ns.attr("uname")));
            }
        }
    }
    if (removed) {
        bump(false);
        fx.persist = true;
    }
    return fx;
}

Effects Replica::close_round(std::string how) {
    Effects fx = forget_newcomers();
    // Who republishes (the daemon does on Effects::republish or ::synced):
    // a member that had not joined, or whose copy differs from the winner's.
    const std::string* winning = nullptr;
    if (winner_) {
        if (auto it = states_.find(*winner_); it != states_.end())
            winning = &it->second.digest;
    }
    for (const auto& [who, s] : states_) {
        if (!s.joined || (winning && s.digest != *winning))
            republish_pending_.insert(who);
    }
    const auto old_dc = dc();
    round_open_ = false;
    states_.clear();
    winner_.reset();
    for (const auto& m : view_)
        joined_.insert(m);
    has_copy_ = true;
    fx.log.push_back(fmt::format("view settled: {}; DC is {}", how, dc_text()));
    if (old_dc != dc() && dc())
        fx.log.push_back(fmt::format("DC is now node {}", *dc()));
    for (auto& m : outbox_)
        fx.send.push_back(std::move(m));
    outbox_.clear();
    return fx;
}

void Replica::bump(bool epoch) {
    CibVersion v = version();
    if (epoch) {
        v.epoch += 1;
        v.num_updates = 0;
    } else {
        v.num_updates += 1;
    }
    cib_.set_attr("admin_epoch", std::to_string(v.admin_epoch));
    cib_.set_attr("epoch", std::to_string(v.epoch));
    cib_.set_attr("num_updates", std::to_string(v.num_updates));
}

Effects Replica::request_replace(std::uint64_t req, xml::Node cib,
                                 std::optional<CibVersion> expect) {
    Effects fx;
    if (!settled()) {
        fx.replies.push_back({req, Rc::unavailable,
                              "this node has not finished joining the cluster; retry shortly"});
        return fx;
    }
    CpgMessage m;
    m.type = MsgType::replace;
    m.req = req;
    m.expect = expect;
    m.cib = std::move(cib);
    fx.send.push_back(std::move(m));
    return fx;
}

Effects Replica::on_replace(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    const bool mine = sender == self_;
    auto refuse = [&](Rc rc, std::string why) {
        if (mine)
            fx.replies.push_back({m.req, rc, std::move(why)});
        return fx;
    };
    if (round_open_) {
        return refuse(Rc::unavailable,
                      "cluster membership changed while the update was in "
                      "flight; nothing was applied, retry");
    }
    if (!m.cib)
        return refuse(Rc::invalid_request, "no CIB in the update");
    const CibVersion current = version();
    // Only configuration changes (admin_epoch, epoch) conflict: num_updates
    // counts status updates (executor results), which a replacement keeps
    // as they are, so a monitor result arriving meanwhile is no conflict.
    if (m.expect &&
        (m.expect->admin_epoch != current.admin_epoch || m.expect->epoch != current.epoch ||
         m.expect->num_updates > current.num_updates)) {
        return refuse(Rc::conflict,
                      fmt::format("the CIB changed meanwhile: it is at {}, the update expected {}",
                                  crm::ipc::to_string(current), crm::ipc::to_string(*m.expect)));
    }
    if (std::string problems = validator_ ? validator_(*m.cib) : std::string(); !problems.empty()) {
        return refuse(Rc::invalid_cib, problems);
    }
    auto proposed = crm::ipc::cib_version_of(*m.cib);
    // The status section belongs to the cluster (executor results): a
    // replacement sets the configuration and keeps the recorded status.
    xml::Node next = *m.cib;
    keep_dc_properties(cib_, next);
    remove_children(next, "status");
    if (const xml::Node* status = cib_.first_child("status")) {
        next.add_child(*status);
    } else {
        next.add_child(xml::Node("status"));
    }
    const auto admin = std::max(current.admin_epoch, proposed ? proposed->admin_epoch : 0);
    cib_ = std::move(next);
    cib_.set_attr("admin_epoch", std::to_string(admin));
    cib_.set_attr("epoch", std::to_string(current.epoch));
    cib_.set_attr("num_updates", std::to_string(current.num_updates));
    bump(true);
    fx.persist = true;
    fx.log.push_back(fmt::format("CIB replaced by node {}: now {} ({})", sender.nodeid,
                                 crm::ipc::to_string(version()), short_digest(digest())));
    if (mine) {
        fx.replies.push_back({m.req, Rc::ok, "CIB at " + crm::ipc::to_string(version())});
    }
    return fx;
}

Effects Replica::send_when_settled(CpgMessage m) {
    // During a sync round the status may be replaced: hold the message until
    // the round closes.
    Effects fx;
    if (settled()) {
        fx.send.push_back(std::move(m));
    } else {
        outbox_.push_back(std::move(m));
    }
    return fx;
}

Effects Replica::request_op_result(std::string node, std::string node_id, xml::Node lrm_resource) {
    CpgMessage m;
    m.type = MsgType::op_result;
    m.node = std::move(node);
    m.node_id = std::move(node_id);
    m.resource = std::move(lrm_resource);
    return send_when_settled(std::move(m));
}

Effects Replica::on_op_result(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    if (round_open_) {
        // A sync may be about to overwrite the status: the origin resends
        // its result once the round closes, the others drop it.
        if (sender == self_)
            outbox_.push_back(m);
        return fx;
    }
    if (!m.resource)
        return fx;
    xml::Node& status = cib_.ensure_child("status");
    xml::Node* ns = nullptr;
    for (auto& c : status.children) {
        if (c.name == "node_state" && c.attr("uname") == m.node)
            ns = &c;
    }
    if (!ns) {
        xml::Node fresh("node_state");
        fresh.set_attr("id", m.node_id.empty() ? m.node : m.node_id);
        fresh.set_attr("uname", m.node);
        ns = &status.add_child(std::move(fresh));
    }
    ns->set_attr("in_ccm", "true");
    ns->set_attr("crmd", "online");
    ns->set_attr("join", "member");
    ns->set_attr("expected", "member");
    xml::Node& rscs = ns->ensure_child("lrm").ensure_child("lrm_resources");
    xml::Node* rsc = nullptr;
    for (auto& c : rscs.children) {
        if (c.name == "lrm_resource" && c.attr("id") == m.resource->attr("id"))
            rsc = &c;
    }
    if (!rsc) {
        xml::Node fresh = *m.resource;
        fresh.children.clear();
        rsc = &rscs.add_child(std::move(fresh));
    }
    for (const auto& op : m.resource->children) {
        if (op.name != "lrm_rsc_op")
            continue;
        auto same = std::find_if(rsc->children.begin(), rsc->children.end(),
                                 [&](const xml::Node& c) { return c.attr("id") == op.attr("id"); });
        if (same != rsc->children.end()) {
            *same = op;
        } else {
            rsc->children.push_back(op);
        }
        fx.log.push_back(fmt::format(
            "{} {} on {}: rc={}{}", m.resource->attr("id"), op.attr("operation"), m.node,
            op.attr("rc-code"),
            op.attr("exit-reason").empty() ? std::string() : " (" + op.attr("exit-reason") + ")"));
    }
    // A failure counts against the resource on that node, where the
    // scheduler reads it (migration-threshold, failure-timeout). A failed
    // start bans the node outright, as start-failure-is-fatal does.
    for (const auto& op : m.resource->children) {
        if (op.name != "lrm_rsc_op" || !op.attr("id").ends_with("_last_failure_0"))
            continue;
        const std::string suffix = fmt::format("{}#{}_{}", m.resource->attr("id"),
                                               op.attr("operation"), op.attr("interval"));
        xml::Node& attrs = ns->ensure_child("transient_attributes");
        if (!attrs.has_attr("id"))
            attrs.set_attr("id", ns->attr("id"));
        xml::Node& set = attrs.ensure_child("instance_attributes");
        if (!set.has_attr("id"))
            set.set_attr("id", "status-" + ns->attr("id"));
        auto put = [&](const std::string& name, const std::string& value) {
            for (auto& nv : set.children) {
                if (nv.name == "nvpair" && nv.attr("name") == name) {
                    nv.set_attr("value", value);
                    return;
                }
            }
            xml::Node nv("nvpair");
            nv.set_attr("id", fmt::format("status-{}-{}", ns->attr("id"), name));
            nv.set_attr("name", name);
            nv.set_attr("value", value);
            set.add_child(std::move(nv));
        };
        long count = 0;
        for (const auto& nv : set.children) {
            if (nv.attr("name") == "fail-count-" + suffix)
                count = std::atol(nv.attr("value").c_str());
        }
        put("fail-count-" + suffix,
            op.attr("operation") == "start" ? std::string("INFINITY") : std::to_string(count + 1));
        put("last-failure-" + suffix, op.attr("last-rc-change"));
    }
    bump(false);
    fx.persist = true;
    return fx;
}

xml::Node& Replica::node_state(const std::string& uname, const std::string& id) {
    xml::Node& status = cib_.ensure_child("status");
    for (auto& c : status.children) {
        if (c.name == "node_state" && c.attr("uname") == uname)
            return c;
    }
    xml::Node fresh("node_state");
    fresh.set_attr("id", id.empty() ? uname : id);
    fresh.set_attr("uname", uname);
    return status.add_child(std::move(fresh));
}

Effects Replica::request_history(std::string node, std::string node_id, xml::Node lrm_resources) {
    CpgMessage m;
    m.type = MsgType::history;
    m.node = std::move(node);
    m.node_id = std::move(node_id);
    m.lrm = std::move(lrm_resources);
    return send_when_settled(std::move(m));
}

Effects Replica::on_history(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    if (round_open_) {
        if (sender == self_)
            outbox_.push_back(m);
        return fx;
    }
    republish_pending_.erase(sender);
    if (!m.lrm)
        return fx;
    xml::Node& ns = node_state(m.node, m.node_id);
    xml::Node& lrm = ns.ensure_child("lrm");
    if (!lrm.has_attr("id"))
        lrm.set_attr("id", ns.attr("id"));
    std::erase_if(lrm.children, [](const xml::Node& c) { return c.name == "lrm_resources"; });
    lrm.add_child(*m.lrm);
    bump(false);
    fx.persist = true;
    fx.log.push_back(fmt::format("node {} republished its operation history ({} resource(s))",
                                 m.node, m.lrm->children_named("lrm_resource").size()));
    return fx;
}

}  // namespace vigild
