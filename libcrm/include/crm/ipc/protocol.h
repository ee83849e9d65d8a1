#pragma once
// The local protocol between the `vigil` command-line tool and `vigild`.
//
// Transport: a Unix stream socket (default /run/vigil/vigild.sock; the
// VIGIL_SOCKET environment variable overrides it). Each message is a frame:
// a 4-byte big-endian length followed by that many bytes of one XML
// document. One request, one response, in order, on a connection.
//
//   <vigil-request version="1" op="OP" id="N" [attrs]>[payload]</vigil-request>
//   <vigil-response version="1" id="N" rc="0" [message="..."]>[payload]</vigil-response>
//
// Everything here is pure (no I/O): both ends and the fuzzers use the same
// encode/decode, and decode validates every field so the daemon can refuse a
// bad request with a reason instead of guessing.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/common/result.h"
#include "crm/xml/xml_node.h"

namespace crm::ipc {

inline constexpr int protocol_version = 1;
// A CIB of thousands of resources is a few MB; 16 MiB leaves room while
// keeping a hostile peer from making the daemon allocate without bound.
inline constexpr std::size_t max_message_bytes = 16u << 20;
inline constexpr std::string_view default_socket_path = "/run/vigil/vigild.sock";
inline constexpr std::string_view socket_env_var = "VIGIL_SOCKET";

// The socket path: the environment's value when set and non-empty (pass
// getenv("VIGIL_SOCKET"), may be null), the default otherwise.
std::string socket_path(const char* env_value);

enum class Op {
    cib_query,  // out: the whole <cib>
    // in: a whole <cib>; optional expect-epoch. The daemon keeps its own
    // status section (executor results), so only a configuration change
    // since expect-epoch (admin_epoch or epoch) is a conflict.
    cib_replace,
    status,   // out: <cluster-status> and the <cib>
    cleanup,  // attrs resource=, node= (both optional): clears fail counts/history
    wait,     // attr timeout-ms: answers when the cluster has settled
};
std::string_view op_name(Op op);
std::optional<Op> parse_op(std::string_view name);

// Response codes. Numeric on the wire (stable: append only).
enum class Rc : int {
    ok = 0,
    invalid_request = 1,  // malformed, unknown op, bad version, bad attribute
    permission_denied = 2,
    conflict = 3,     // cib-replace: the CIB changed since expect-epoch
    invalid_cib = 4,  // the proposed CIB failed validation
    not_found = 5,    // e.g. cleanup of an unknown resource or node
    timeout = 6,      // wait: not settled within timeout-ms
    unavailable = 7,  // the daemon is not ready (not joined, CIB not synced)
    internal = 8,
};
std::string_view rc_name(Rc rc);
std::optional<Rc> rc_from_int(long value);

// A CIB version: (admin_epoch, epoch, num_updates), compared in that order.
struct CibVersion {
    std::uint64_t admin_epoch = 0;
    std::uint64_t epoch = 0;
    std::uint64_t num_updates = 0;

    friend auto operator<=>(const CibVersion&, const CibVersion&) = default;
};
// "admin.epoch.num_updates", e.g. "0.12.3".
Result<CibVersion> parse_cib_version(std::string_view text);
std::string to_string(const CibVersion& v);
// Reads the three attributes of a <cib> element (absent counts as 0).
Result<CibVersion> cib_version_of(const xml::Node& cib);

struct Request {
    Op op = Op::status;
    std::uint64_t id = 0;
    std::optional<CibVersion> expect_epoch;   // cib-replace only
    std::optional<std::string> resource;      // cleanup only
    std::optional<std::string> node;          // cleanup only
    std::optional<std::uint64_t> timeout_ms;  // wait only
    std::optional<xml::Node> cib;             // cib-replace: required

    friend bool operator==(const Request&, const Request&) = default;
};

struct Member {
    std::uint32_t id = 0;
    std::string uname;
    bool online = false;

    friend bool operator==(const Member&, const Member&) = default;
};

struct ClusterStatus {
    std::string cluster_name;
    std::string dc;  // uname of the DC; empty when there is none
    bool quorate = false;
    std::string ring_id;
    std::string local_node;
    std::vector<Member> members;

    friend bool operator==(const ClusterStatus&, const ClusterStatus&) = default;
};

struct Response {
    std::uint64_t id = 0;
    Rc rc = Rc::ok;
    std::string message;                  // why, when rc != ok (or a note)
    std::optional<ClusterStatus> status;  // status
    std::optional<xml::Node> cib;         // cib-query, status

    friend bool operator==(const Response&, const Response&) = default;
};

// A refusal answer for request `id` (0 when the request had none).
Response refusal(std::uint64_t id, Rc rc, std::string message);

// XML documents (no framing). encode_* never fails for a value that
// decode_* would accept; decode_* reports what is wrong and where.
std::string encode_request(const Request& request);
Result<Request> decode_request(std::string_view document);
std::string encode_response(const Response& response);
Result<Response> decode_response(std::string_view document);

// The request id from a document that may fail decode_request, so a refusal
// can still be matched to its request. 0 when none can be read.
std::uint64_t peek_request_id(std::string_view document);

// Framing.
std::string frame(std::string_view document);

// Splits a byte stream into frames. Feed it what the socket gives; take
// complete documents out with next(). A length over the limit (or zero) is a
// protocol error: the stream cannot be resynchronised, so the connection
// should be closed after answering.
class FrameReader {
  public:
    explicit FrameReader(std::size_t limit = max_message_bytes) : limit_(limit) {}

    void feed(std::string_view bytes);
    // A complete document, nothing yet (nullopt value), or an error.
    Result<std::optional<std::string>> next();
    // Bytes received but not yet returned as a document.
    std::size_t pending() const { return buffer_.size() - start_; }

  private:
    std::size_t limit_;
    std::string buffer_;
    std::size_t start_ = 0;
};

}  // namespace crm::ipc
