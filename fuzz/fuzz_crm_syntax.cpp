// The crm configure language reader (`vigil configure load`, `edit`). Beyond
// "no crash": what it reads must unpack, and whatever the printer manages to
// print must read back, since `edit` prints, lets the user save, and reads.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crm/cib/cib.h"
#include "crm/syntax/configure.h"
#include "crm/syntax/lexer.h"
#include "fuzz_check.h"

using vigil_fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)crm::syntax::tokenize(text);
    auto configuration = crm::syntax::parse_configure(text);
    if (!configuration) {
        require(!configuration.error().empty(), "a refusal carries a message");
        return 0;
    }
    const crm::xml::Node cib_xml = crm::syntax::wrap_in_cib(*configuration);
    auto cib = crm::cib::unpack(cib_xml);
    if (!cib)
        return 0;  // e.g. an `xml` statement holding something unpack refuses
    auto printed = crm::syntax::print_configure(*cib, cib_xml);
    if (!printed)
        return 0;  // the printer refuses what the language cannot say
    auto reread = crm::syntax::parse_configure(*printed);
    require(reread.ok(), "printed configuration reads back");
    return 0;
}
