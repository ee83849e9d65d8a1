#include "crm/edit/status_edit.h"

#include <algorithm>

namespace crm::edit {

namespace {

// The ids a resource's history may be recorded under: itself, its members,
// and anonymous/unique clone instances "id:N".
std::vector<std::string> history_ids(const xml::Node& cib, const std::string& rsc) {
    std::vector<std::string> ids{rsc};
    std::vector<const xml::Node*> stack{find_resource(cib, rsc)};
    while (!stack.empty()) {
        const xml::Node* n = stack.back();
        stack.pop_back();
        if (!n)
            continue;
        for (const auto& c : n->children)
            if (is_resource_element(c.name)) {
                ids.push_back(c.attr("id"));
                stack.push_back(&c);
            }
    }
    return ids;
}

bool matches(const std::string& recorded, const std::vector<std::string>& ids) {
    std::string base = recorded.substr(0, recorded.find(':'));
    return std::find(ids.begin(), ids.end(), base) != ids.end();
}

// "fail-count-web#monitor_30000" -> {"web", "monitor_30000"}
bool split_attr(const std::string& name, const std::string& prefix, std::string& rsc,
                std::string& op) {
    if (name.rfind(prefix, 0) != 0)
        return false;
    std::string rest = name.substr(prefix.size());
    auto hash = rest.find('#');
    rsc = rest.substr(0, hash);
    op = hash == std::string::npos ? "" : rest.substr(hash + 1);
    return true;
}

}  // namespace

Result<xml::Node> cleanup(const xml::Node& cib_in, const std::string& rsc, const std::string& node,
                          int* removed) {
    xml::Node cib = cib_in;
    if (!rsc.empty() && !find_resource(cib, rsc))
        return not_found("resource", rsc, resource_ids(cib));
    xml::Node* status = cib.first_child("status");
    int count = 0;
    if (status) {
        std::vector<std::string> names;
        bool node_seen = node.empty();
        for (const xml::Node* ns : status->children_named("node_state"))
            names.push_back(ns->attr("uname"));
        for (const auto& n : names)
            node_seen = node_seen || n == node;
        if (!node_seen)
            return not_found("node", node, names);
        std::vector<std::string> ids =
            rsc.empty() ? std::vector<std::string>{} : history_ids(cib, rsc);
        for (auto& ns : status->children) {
            if (ns.name != "node_state" || (!node.empty() && ns.attr("uname") != node))
                continue;
            if (xml::Node* lrm = ns.first_child("lrm"))
                if (xml::Node* lrs = lrm->first_child("lrm_resources")) {
                    auto& ch = lrs->children;
                    auto before = ch.size();
                    ch.erase(std::remove_if(ch.begin(), ch.end(),
                                            [&](const xml::Node& r) {
                                                return r.name == "lrm_resource" &&
                                                       (rsc.empty() || matches(r.attr("id"), ids));
                                            }),
                             ch.end());
                    count += static_cast<int>(before - ch.size());
                }
            if (xml::Node* ta = ns.first_child("transient_attributes"))
                for (auto& set : ta->children) {
                    if (set.name != "instance_attributes")
                        continue;
                    auto& ch = set.children;
                    auto before = ch.size();
                    ch.erase(std::remove_if(ch.begin(), ch.end(),
                                            [&](const xml::Node& p) {
                                                std::string r, op, n = p.attr("name");
                                                bool fc = split_attr(n, "fail-count-", r, op) ||
                                                          split_attr(n, "last-failure-", r, op);
                                                return fc && (rsc.empty() || matches(r, ids));
                                            }),
                             ch.end());
                    count += static_cast<int>(before - ch.size());
                }
        }
    } else if (!node.empty()) {
        return not_found("node", node, {});
    }
    if (removed)
        *removed = count;
    return cib;
}

std::vector<FailCount> fail_counts(const xml::Node& cib, const std::string& rsc) {
    std::vector<FailCount> out;
    const xml::Node* status = cib.first_child("status");
    if (!status)
        return out;
    std::vector<std::string> ids = rsc.empty() ? std::vector<std::string>{} : history_ids(cib, rsc);
    for (const xml::Node* ns : status->children_named("node_state")) {
        const xml::Node* ta = ns->first_child("transient_attributes");
        if (!ta)
            continue;
        for (const xml::Node* set : ta->children_named("instance_attributes"))
            for (const xml::Node* p : set->children_named("nvpair")) {
                std::string r, op;
                if (!split_attr(p->attr("name"), "fail-count-", r, op))
                    continue;
                if (!rsc.empty() && !matches(r, ids))
                    continue;
                out.push_back({ns->attr("uname"), r, op, p->attr("value")});
            }
    }
    return out;
}

}  // namespace crm::edit
