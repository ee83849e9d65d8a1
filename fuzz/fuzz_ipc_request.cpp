// What vigild does with bytes from its socket: split them into frames, peek
// the request id for the answer, decode and validate the request. The input
// is used twice: as one document, and as a byte stream fed to the frame
// reader in chunks (the first byte picks the chunk size) with each complete
// frame decoded. A request that decodes must encode back to the same request,
// and the client's response decoder is exercised on the same bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crm/ipc/protocol.h"
#include "fuzz_check.h"

using vigil_fuzz::require;
namespace ipc = crm::ipc;

namespace {

void check_document(std::string_view doc) {
    (void)ipc::peek_request_id(doc);
    auto request = ipc::decode_request(doc);
    if (request) {
        auto again = ipc::decode_request(ipc::encode_request(*request));
        require(again.ok(), "an encoded request decodes");
        require(*again == *request, "request encode/decode round trip");
    } else {
        require(!request.error().empty(), "a refusal carries a message");
    }
    auto response = ipc::decode_response(doc);
    if (response) {
        auto again = ipc::decode_response(ipc::encode_response(*response));
        require(again.ok(), "an encoded response decodes");
        require(*again == *response, "response encode/decode round trip");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check_document(bytes);
    if (size == 0)
        return 0;

    const std::size_t chunk = 1 + data[0] % 64;
    // A small limit so length checks are reachable with small inputs.
    ipc::FrameReader reader(4096);
    std::string_view rest = bytes.substr(1);
    std::size_t returned = 0;
    while (true) {
        const std::size_t n = std::min(chunk, rest.size());
        reader.feed(rest.substr(0, n));
        rest.remove_prefix(n);
        bool failed = false;
        while (true) {
            auto next = reader.next();
            if (!next) {
                failed = true;  // the daemon closes the connection here
                break;
            }
            if (!*next)
                break;
            require(!(*next)->empty() && (*next)->size() <= 4096, "frame within limits");
            returned += 4 + (*next)->size();
            check_document(**next);
        }
        if (failed || rest.empty())
            break;
    }
    require(returned <= size - 1, "frames never return more than was fed");
    return 0;
}
