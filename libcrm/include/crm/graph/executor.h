#pragma once
// Walks a transition graph as results come in: which actions may be started
// now, and whether the transition is complete or must be aborted (a failed
// action stops everything that depends on it; the daemon then reschedules).
#include <set>
#include <vector>

#include "crm/graph/graph.h"

namespace crm::graph {

class Executor {
  public:
    explicit Executor(const Graph& g);

    // Executable actions whose inputs have all completed and that have not
    // been handed out yet. Marks them as in flight.
    std::vector<int> next();
    // Records the result of an in-flight action.
    void complete(int id, bool success);

    bool done() const;                       // nothing in flight and nothing more can run
    bool failed() const { return failed_; }  // some action failed

  private:
    const Graph& g_;
    std::vector<std::vector<int>> inputs_;  // per action: executable predecessors
    std::vector<int> state_;                // 0 waiting, 1 in flight, 2 done, 3 failed, 4 skip
    bool failed_ = false;
};

}  // namespace crm::graph
