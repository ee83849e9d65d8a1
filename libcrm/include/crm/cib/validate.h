#pragma once
// Checks a CIB before it is accepted: Vigil's RelaxNG schema
// (schemas/vigil-cib-1.rng, compiled into the library) and the semantic rules
// a schema cannot express. Every problem names the element, its id and what
// is wrong.
#include <string>
#include <string_view>
#include <vector>

#include "crm/xml/xml_node.h"

namespace crm::cib {

struct Problem {
    bool warning = false;  // warnings do not make a CIB invalid
    std::string message;
};

std::vector<Problem> validate_schema(const xml::Node& cib);
// Schema, structure (unpack) and semantics; empty or warnings only = valid.
std::vector<Problem> validate(const xml::Node& cib);
bool has_errors(const std::vector<Problem>& problems);
std::string format_problems(const std::vector<Problem>& problems);

// An agent parameter (or meta attribute) name that can become part of an
// environment variable name: [A-Za-z0-9_-]+. Anything else ('=', a NUL, a
// blank ...) could smuggle another variable into the agent's environment.
bool valid_param_name(std::string_view name);

// The schema text itself (for tools that want to print or install it).
const char* schema_text();

}  // namespace crm::cib
