#pragma once
// vigild's only contact with corosync: CPG (group membership and totally
// ordered delivery), quorum, and the cmap nodelist. Callbacks come from
// dispatch_*() when the fds are readable; nothing here decides anything.
#include <corosync/cpg.h>
#include <corosync/quorum.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "crm/common/result.h"
#include "membership.h"

namespace vigild {

struct CorosyncEvents {
    std::function<void(std::vector<MemberId> members, std::vector<MemberId> left,
                       std::vector<MemberId> joined)>
        view;
    std::function<void(const MemberId& sender, std::string_view bytes)> deliver;
    std::function<void(std::string ring_id)> ring;  // "nodeid.seq" as corosync prints it
    // The ring id of the membership the quorum verdict is about (same form).
    std::function<void(bool quorate, std::string ring_id)> quorum;
};

class CorosyncLink {
  public:
    explicit CorosyncLink(CorosyncEvents events) : events_(std::move(events)) {}
    ~CorosyncLink();
    CorosyncLink(const CorosyncLink&) = delete;
    CorosyncLink& operator=(const CorosyncLink&) = delete;

    crm::Status connect(const std::string& group);
    int cpg_fd() const { return cpg_fd_; }
    int quorum_fd() const { return quorum_fd_; }
    // false: the connection to corosync is gone.
    bool dispatch_cpg();
    bool dispatch_quorum();
    crm::Status send(std::string_view bytes);

    std::uint32_t local_nodeid() const { return local_nodeid_; }
    std::uint32_t local_pid() const { return local_pid_; }
    // Node id -> name from corosync's nodelist (name, else ring0_addr).
    std::map<std::uint32_t, std::string> node_names() const;
    std::string cluster_name() const;

    // C callbacks land here.
    void on_deliver(std::uint32_t nodeid, std::uint32_t pid, const void* msg, std::size_t len);
    void on_confchg(const cpg_address* members, std::size_t n, const cpg_address* left,
                    std::size_t nl, const cpg_address* joined, std::size_t nj);
    void on_totem(cpg_ring_id ring);
    void on_quorum(bool quorate, std::uint32_t ring_node, std::uint64_t ring_seq);

  private:
    CorosyncEvents events_;
    cpg_handle_t cpg_ = 0;
    quorum_handle_t quorum_ = 0;
    bool have_cpg_ = false;
    bool have_quorum_ = false;
    int cpg_fd_ = -1;
    int quorum_fd_ = -1;
    std::uint32_t local_nodeid_ = 0;
    std::uint32_t local_pid_ = 0;
    cpg_name group_{};
};

}  // namespace vigild
