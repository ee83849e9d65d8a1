// The transition executor's bookkeeping: which actions may run now.
#include "crm/graph/executor.h"

namespace crm::graph {

Executor::Executor(const Graph& g) : g_(g), inputs_(g.actions.size()), state_(g.actions.size(), 0) {
    for (const auto& a : g.actions)
        if (a.optional || !a.runnable)
            state_[a.id] = 4;  // never executed
    for (const auto& e : g.edges)
        if (state_[e.before] != 4)
            inputs_[e.after].push_back(e.before);
}

std::vector<int> Executor::next() {
    std::vector<int> out;
    if (failed_)
        return out;  // a failure aborts: nothing new starts
    for (size_t i = 0; i < state_.size(); ++i) {
        if (state_[i] != 0)
            continue;
        bool ready = true;
        for (int in : inputs_[i])
            if (state_[in] != 2)
                ready = false;
        if (ready) {
            state_[i] = 1;
            out.push_back(static_cast<int>(i));
        }
    }
    return out;
}

void Executor::complete(int id, bool success) {
    if (id < 0 || static_cast<size_t>(id) >= state_.size() || state_[id] != 1)
        return;
    state_[id] = success ? 2 : 3;
    if (!success)
        failed_ = true;
}

bool Executor::done() const {
    for (size_t i = 0; i < state_.size(); ++i) {
        if (state_[i] == 1)
            return false;
        if (state_[i] == 0 && !failed_) {
            bool blocked = false;
            for (int in : inputs_[i])
                if (state_[in] == 3)
                    blocked = true;
            if (!blocked)
                return false;
        }
    }
    return true;
}

}  // namespace crm::graph
