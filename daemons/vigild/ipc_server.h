#pragma once
// The Unix socket the command-line tool talks to (protocol: crm/ipc).
// Access: root, or a process whose primary or supplementary group is
// haclient; the socket itself is root:haclient 0660. Anyone else gets a
// permission-denied answer with the reason as soon as it connects (its
// credentials come from SO_PEERCRED); what it sends is never read.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <poll.h>

#include "crm/common/result.h"
#include "crm/ipc/protocol.h"

namespace vigild {

// Who may use the daemon. Pure so it can be tested.
bool peer_allowed(uid_t uid, gid_t gid, const std::vector<gid_t>& groups,
                  std::optional<gid_t> haclient);

class IpcServer {
  public:
    // conn: opaque connection number for reply().
    using Handler = std::function<void(std::uint64_t conn, const crm::ipc::Request& request)>;

    explicit IpcServer(Handler handler) : handler_(std::move(handler)) {}
    ~IpcServer();
    IpcServer(const IpcServer&) = delete;
    IpcServer& operator=(const IpcServer&) = delete;

    // Creates the socket (and its directory), root:haclient 0660.
    crm::Status listen(const std::string& path);
    // Appends this server's fds to `fds` (POLLOUT where output is pending).
    void add_pollfds(std::vector<pollfd>& fds) const;
    // Handles one ready fd; false if it is not this server's.
    bool handle(const pollfd& p);
    // Queues a response for a connection (dropped if it has gone).
    void reply(std::uint64_t conn, const crm::ipc::Response& response);
    std::vector<std::string> take_log();

  private:
    struct Conn {
        int fd = -1;
        bool allowed = false;
        bool refused = false;  // answered with a refusal; never read from
        std::string who;       // "uid 0 pid 123" for the log
        crm::ipc::FrameReader reader;
        std::string out;
        bool close_after_flush = false;
    };
    void accept_one();
    void refuse(std::uint64_t id);
    // Refused connections kept open until their peers hang up, at most.
    static constexpr std::size_t max_refused = 32;
    void read_from(std::uint64_t id, Conn& c);
    void write_to(Conn& c);
    void close_conn(std::uint64_t id);

    Handler handler_;
    int listen_fd_ = -1;
    std::string path_;
    std::optional<gid_t> haclient_;
    std::uint64_t next_id_ = 1;
    std::map<std::uint64_t, Conn> conns_;
    std::vector<std::string> log_;
};

}  // namespace vigild
