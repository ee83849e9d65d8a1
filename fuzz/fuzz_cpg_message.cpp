// vigild's CPG message decoder: what every member does with a message another
// member (or anything able to join the CPG group) sent. A message that decodes
// must encode back to the same message, since members relay state this way.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cpg_message.h"
#include "fuzz_check.h"

using vigil_fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto message = vigild::decode_cpg(bytes);
    if (!message) {
        require(!message.error().empty(), "a refusal carries a message");
        return 0;
    }
    auto again = vigild::decode_cpg(vigild::encode(*message));
    require(again.ok(), "an encoded message decodes");
    require(*again == *message, "cpg encode/decode round trip");
    return 0;
}
