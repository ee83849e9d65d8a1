// The CIB reader as the daemon and the CLI use it on a file or a request:
// hardened parse, typed unpack, schema + semantic validation. Beyond "no
// crash", a document that parses must survive a write/read round trip
// unchanged, since the daemon writes every CIB it accepts back to disk.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crm/cib/cib.h"
#include "crm/cib/validate.h"
#include "crm/xml/xml_node.h"
#include "fuzz_check.h"

using vigil_fuzz::require;
namespace xml = crm::xml;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = xml::parse(text);
    if (!parsed) {
        require(!parsed.error().empty(), "a refusal carries a message");
        return 0;
    }
    const xml::Node& doc = *parsed;

    const std::string written = xml::to_string(doc, false);
    auto again = xml::parse(written);
    require(again.ok(), "what to_string writes parses again");
    require(xml::canonical(*again) == xml::canonical(doc), "write/read keeps the tree");

    if (doc.name == "cib") {
        auto cib = crm::cib::unpack(doc);
        if (!cib)
            require(!cib.error().empty(), "an unpack refusal carries a message");
        auto problems = crm::cib::validate(doc);
        (void)crm::cib::format_problems(problems);
    }
    return 0;
}
