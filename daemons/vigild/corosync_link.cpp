#include "corosync_link.h"

#include <corosync/cmap.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <thread>

#include <fmt/format.h>

namespace vigild {
namespace {

CorosyncLink* cpg_owner(cpg_handle_t h) {
    void* ctx = nullptr;
    cpg_context_get(h, &ctx);
    return static_cast<CorosyncLink*>(ctx);
}

void c_deliver(cpg_handle_t h, const cpg_name*, uint32_t nodeid, uint32_t pid, void* msg,
               size_t len) {
    if (auto* self = cpg_owner(h))
        self->on_deliver(nodeid, pid, msg, len);
}

void c_confchg(cpg_handle_t h, const cpg_name*, const cpg_address* members, size_t n,
               const cpg_address* left, size_t nl, const cpg_address* joined, size_t nj) {
    if (auto* self = cpg_owner(h))
        self->on_confchg(members, n, left, nl, joined, nj);
}

void c_totem(cpg_handle_t h, cpg_ring_id ring, uint32_t, const uint32_t*) {
    if (auto* self = cpg_owner(h))
        self->on_totem(ring);
}

void c_quorum(quorum_handle_t h, uint32_t quorate, quorum_ring_id ring, uint32_t, const uint32_t*) {
    const void* ctx = nullptr;
    quorum_context_get(h, &ctx);
    if (ctx)
        static_cast<CorosyncLink*>(const_cast<void*>(ctx))
            ->on_quorum(quorate != 0, ring.nodeid, ring.seq);
}

std::vector<MemberId> members_of(const cpg_address* a, std::size_t n) {
    std::vector<MemberId> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back({a[i].nodeid, a[i].pid});
    return out;
}

}  // namespace

CorosyncLink::~CorosyncLink() {
    if (have_cpg_) {
        cpg_leave(cpg_, &group_);
        cpg_finalize(cpg_);
    }
    if (have_quorum_)
        quorum_finalize(quorum_);
}

crm::Status CorosyncLink::connect(const std::string& group) {
    cpg_model_v1_data_t model{};
    model.model = CPG_MODEL_V1;
    model.cpg_deliver_fn = c_deliver;
    model.cpg_confchg_fn = c_confchg;
    model.cpg_totem_confchg_fn = c_totem;
    model.flags = CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF;
    cs_error_t rc = cpg_model_initialize(&cpg_, CPG_MODEL_V1,
                                         reinterpret_cast<cpg_model_data_t*>(&model), this);
    if (rc != CS_OK) {
        return crm::Error{
            fmt::format("cannot connect to corosync CPG (error {}); is corosync "
                        "running on this node?",
                        static_cast<int>(rc))};
    }
    have_cpg_ = true;
    unsigned int nodeid = 0;
    cpg_local_get(cpg_, &nodeid);
    local_nodeid_ = nodeid;
    local_pid_ = static_cast<std::uint32_t>(::getpid());
    if (group.size() >= sizeof(group_.value))
        return crm::Error{"CPG group name too long"};
    group_.length = static_cast<uint32_t>(group.size());
    std::memcpy(group_.value, group.data(), group.size());
    for (int tries = 0;; ++tries) {
        rc = cpg_join(cpg_, &group_);
        if (rc != CS_ERR_TRY_AGAIN || tries > 50)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (rc != CS_OK)
        return crm::Error{fmt::format("cpg_join failed (error {})", int(rc))};
    cpg_fd_get(cpg_, &cpg_fd_);

    quorum_model_v1_data_t q{};
    q.model = QUORUM_MODEL_V1;
    q.quorum_notify_fn = c_quorum;
    uint32_t qtype = 0;
    rc = quorum_model_initialize(&quorum_, QUORUM_MODEL_V1,
                                 reinterpret_cast<quorum_model_data_t*>(&q), &qtype, this);
    if (rc != CS_OK) {
        return crm::Error{fmt::format("cannot connect to corosync quorum (error {})", int(rc))};
    }
    have_quorum_ = true;
    quorum_trackstart(quorum_, CS_TRACK_CHANGES | CS_TRACK_CURRENT);
    quorum_fd_get(quorum_, &quorum_fd_);
    return crm::ok_status();
}

bool CorosyncLink::dispatch_cpg() {
    return cpg_dispatch(cpg_, CS_DISPATCH_ALL) == CS_OK;
}

bool CorosyncLink::dispatch_quorum() {
    return quorum_dispatch(quorum_, CS_DISPATCH_ALL) == CS_OK;
}

crm::Status CorosyncLink::send(std::string_view bytes) {
    iovec iov{const_cast<char*>(bytes.data()), bytes.size()};
    cs_error_t rc = CS_OK;
    // Corosync pushes back (TRY_AGAIN) when its queue is full; it clears
    // within milliseconds, and giving up would lose an update.
    for (int tries = 0; tries < 200; ++tries) {
        rc = cpg_mcast_joined(cpg_, CPG_TYPE_AGREED, &iov, 1);
        if (rc != CS_ERR_TRY_AGAIN)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (rc != CS_OK)
        return crm::Error{fmt::format("cpg_mcast_joined failed (error {})", int(rc))};
    return crm::ok_status();
}

void CorosyncLink::on_deliver(std::uint32_t nodeid, std::uint32_t pid, const void* msg,
                              std::size_t len) {
    if (events_.deliver) {
        events_.deliver({nodeid, pid}, std::string_view(static_cast<const char*>(msg), len));
    }
}

void CorosyncLink::on_confchg(const cpg_address* members, std::size_t n, const cpg_address* left,
                              std::size_t nl, const cpg_address* joined, std::size_t nj) {
    if (events_.view) {
        events_.view(members_of(members, n), members_of(left, nl), members_of(joined, nj));
    }
}

void CorosyncLink::on_totem(cpg_ring_id ring) {
    if (events_.ring)
        events_.ring(fmt::format("{}.{:x}", ring.nodeid, ring.seq));
}

void CorosyncLink::on_quorum(bool quorate, std::uint32_t ring_node, std::uint64_t ring_seq) {
    if (events_.quorum)
        events_.quorum(quorate, fmt::format("{}.{:x}", ring_node, ring_seq));
}

std::map<std::uint32_t, std::string> CorosyncLink::node_names() const {
    std::map<std::uint32_t, std::string> out;
    cmap_handle_t h = 0;
    if (cmap_initialize(&h) != CS_OK)
        return out;
    for (int i = 0; i < 1024; ++i) {
        uint32_t id = 0;
        if (cmap_get_uint32(h, fmt::format("nodelist.node.{}.nodeid", i).c_str(), &id) != CS_OK) {
            break;
        }
        char* name = nullptr;
        if (cmap_get_string(h, fmt::format("nodelist.node.{}.name", i).c_str(), &name) != CS_OK) {
            cmap_get_string(h, fmt::format("nodelist.node.{}.ring0_addr", i).c_str(), &name);
        }
        out[id] = name ? name : std::to_string(id);
        std::free(name);
    }
    cmap_finalize(h);
    return out;
}

std::string CorosyncLink::cluster_name() const {
    cmap_handle_t h = 0;
    std::string out;
    if (cmap_initialize(&h) != CS_OK)
        return out;
    char* name = nullptr;
    if (cmap_get_string(h, "totem.cluster_name", &name) == CS_OK && name)
        out = name;
    std::free(name);
    cmap_finalize(h);
    return out;
}

}  // namespace vigild
