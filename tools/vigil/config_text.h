#pragma once
// Reading a configuration given as crm configure text or as XML (a whole
// <cib> or just <configuration>), and printing one as crm text.
#include <string>

#include "crm/common/result.h"
#include "crm/xml/xml_node.h"

namespace vigil {

// Text starting with '<' is XML; anything else is the crm configure language.
crm::Result<crm::xml::Node> read_configuration(const std::string& text);

// `crm configure show` text of a CIB.
crm::Result<std::string> configure_text(const crm::xml::Node& cib);

}  // namespace vigil
