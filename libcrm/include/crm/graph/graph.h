#pragma once
// A transition graph: the actions the scheduler decided on and the order
// they must run in. The scheduler builds it; the daemon executes it with
// graph::Executor (executor.h). Plain values so it can be saved, compared
// and shown (to_dot, to_xml).
#include <cstdint>
#include <string>
#include <vector>

namespace crm::graph {

struct Action {
    int id = 0;
    std::string resource;  // primitive instance id ("rsc", "clone-child:0"); "" for fencing
    std::string task;      // start stop monitor promote demote stonith ...
    std::int64_t interval_ms = 0;
    std::string node;        // where it runs ("" for pseudo actions without a node)
    std::string fence_kind;  // reboot | off, for task == "stonith"
    bool optional = false;   // not needed (kept so orderings through it still hold)
    bool runnable = true;    // false: blocked, will not be executed
    bool pseudo = false;     // no executor call (e.g. a stop implied by fencing)

    // "rsc_start_0 node1" style key, unique within a graph.
    std::string key() const;
};

// `after` may run only once `before` has completed.
struct Edge {
    int before = 0;
    int after = 0;
};

struct Graph {
    std::vector<Action> actions;  // index == id
    std::vector<Edge> edges;

    // Actions that will actually be executed (required and runnable).
    std::vector<const Action*> executable() const;
};

// Graphviz text: executable actions solid, optional dashed, blocked red.
std::string to_dot(const Graph& g);
// A <transition_graph> document of the executable actions and their inputs.
std::string to_xml(const Graph& g);

}  // namespace crm::graph
