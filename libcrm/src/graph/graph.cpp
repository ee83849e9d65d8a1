// Renderings of a transition graph.
#include "crm/graph/graph.h"

#include <sstream>

namespace crm::graph {

std::string Action::key() const {
    std::string k = (resource.empty() ? std::string("stonith") : resource) + "_" + task + "_" +
                    std::to_string(interval_ms);
    if (!node.empty())
        k += " " + node;
    return k;
}

std::vector<const Action*> Graph::executable() const {
    std::vector<const Action*> out;
    for (const auto& a : actions)
        if (!a.optional && a.runnable)
            out.push_back(&a);
    return out;
}

namespace {
std::string escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '"' || c == '\\')
            o += '\\';
        o += c;
    }
    return o;
}
std::string xml_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&':
                o += "&amp;";
                break;
            case '<':
                o += "&lt;";
                break;
            case '>':
                o += "&gt;";
                break;
            case '"':
                o += "&quot;";
                break;
            default:
                o += c;
        }
    }
    return o;
}
}  // namespace

std::string to_dot(const Graph& g) {
    std::ostringstream o;
    o << "digraph \"transition\" {\n";
    for (const auto& a : g.actions) {
        if (a.optional && a.runnable)
            continue;  // optional actions only clutter the picture
        o << "\"" << escape(a.key()) << "\" [ style=" << (a.pseudo ? "dashed" : "bold")
          << " color=\"" << (a.runnable ? "green" : "red") << "\" fontcolor=\""
          << (a.pseudo ? "orange" : "black") << "\"]\n";
    }
    for (const auto& e : g.edges) {
        const auto& b = g.actions[e.before];
        const auto& a = g.actions[e.after];
        if ((b.optional && b.runnable) || (a.optional && a.runnable))
            continue;
        o << "\"" << escape(b.key()) << "\" -> \"" << escape(a.key()) << "\" [ style = bold]\n";
    }
    o << "}\n";
    return o.str();
}

std::string to_xml(const Graph& g) {
    std::vector<std::vector<int>> inputs(g.actions.size());
    for (const auto& e : g.edges)
        inputs[e.after].push_back(e.before);
    auto exec = [&](int id) { return !g.actions[id].optional && g.actions[id].runnable; };
    std::ostringstream o;
    o << "<transition_graph>\n";
    int synapse = 0;
    for (const auto& a : g.actions) {
        if (!exec(a.id))
            continue;
        o << "  <synapse id=\"" << synapse++ << "\">\n    <action_set>\n      <"
          << (a.pseudo ? "pseudo_event" : (a.task == "stonith" ? "crm_event" : "rsc_op"))
          << " id=\"" << a.id << "\" operation=\"" << xml_escape(a.task) << "\" operation_key=\""
          << xml_escape(a.key()) << "\" on_node=\"" << xml_escape(a.node) << "\"";
        if (!a.resource.empty())
            o << " resource=\"" << xml_escape(a.resource) << "\"";
        if (!a.fence_kind.empty())
            o << " fence_kind=\"" << xml_escape(a.fence_kind) << "\"";
        o << "/>\n    </action_set>\n    <inputs>\n";
        for (int i : inputs[a.id])
            if (exec(i))
                o << "      <trigger id=\"" << i << "\"/>\n";
        o << "    </inputs>\n  </synapse>\n";
    }
    o << "</transition_graph>\n";
    return o.str();
}

}  // namespace crm::graph
