// The transition graph executor: what may run next as results come in.
#include <catch2/catch.hpp>

#include "crm/graph/executor.h"

using crm::graph::Action;
using crm::graph::Executor;
using crm::graph::Graph;

namespace {
Graph chain() {
    Graph g;
    for (int i = 0; i < 3; ++i) {
        Action a;
        a.id = i;
        a.resource = "r" + std::to_string(i);
        a.task = "start";
        a.node = "n1";
        g.actions.push_back(a);
    }
    g.edges.push_back({0, 1});
    g.edges.push_back({1, 2});
    return g;
}
}  // namespace

TEST_CASE("executor releases actions in dependency order", "[graph]") {
    Graph g = chain();
    Executor ex(g);
    CHECK(ex.next() == std::vector<int>{0});
    CHECK(ex.next().empty());  // 0 still in flight
    ex.complete(0, true);
    CHECK(ex.next() == std::vector<int>{1});
    ex.complete(1, true);
    CHECK(ex.next() == std::vector<int>{2});
    CHECK(!ex.done());
    ex.complete(2, true);
    CHECK(ex.done());
    CHECK(!ex.failed());
}

TEST_CASE("executor stops releasing after a failure", "[graph]") {
    Graph g = chain();
    Executor ex(g);
    ex.next();
    ex.complete(0, false);
    CHECK(ex.failed());
    CHECK(ex.next().empty());
    CHECK(ex.done());
}

TEST_CASE("optional and blocked actions are never executed", "[graph]") {
    Graph g = chain();
    g.actions[0].optional = true;
    g.actions[2].runnable = false;
    Executor ex(g);
    CHECK(ex.next() == std::vector<int>{1});  // its only input is not executed
    ex.complete(1, true);
    CHECK(ex.next().empty());
    CHECK(ex.done());
}
