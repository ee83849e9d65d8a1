#pragma once
// Internals of print_configure shared by its source files. Not a public
// API: use crm/syntax/configure.h.
#include <string>
#include <string_view>
#include <vector>

#include "crm/cib/cib.h"

namespace crm::syntax::detail {

// Thrown when the model holds something the language cannot say; turned
// into an Error naming the element at print_configure's boundary.
struct PrintError {
    std::string message;
};
[[noreturn]] void cannot_print(const std::string& what);

// A value as crmsh writes it: bare when made only of letters, digits, '.',
// '_' and '-', otherwise in double quotes with '"' and '\' escaped.
std::string quote(std::string_view value);
// "inf" / "-inf" for the infinity spellings, otherwise as written.
std::string score_text(const std::string& score);

// One object: its first line and its continuation lines.
struct Block {
    std::string head;
    std::vector<std::string> lines;
    std::string render() const;  // lines joined with " \\\n    "
};

// "params a=1 b=2" for one set; fails for sets with rules, scores or id-refs.
std::string nvset_line(const std::string& keyword, const cib::NvSet& set, const std::string& owner);

Block print_node(const cib::ClusterNode& n);
Block print_primitive(const cib::Primitive& p);
Block print_group(const cib::Group& g);
Block print_clone(const cib::Clone& c);
Block print_location(const cib::LocationConstraint& l);
Block print_order(const cib::OrderConstraint& o);
Block print_colocation(const cib::ColocationConstraint& c);
// Refuses (cannot_print) when an object's XML (a node, resource, constraint
// or attribute set, with everything inside) holds attributes or child
// elements the typed model has no place for, which printing would drop.
void check_model_holds(const xml::Node& element);

// property / rsc_defaults / op_defaults
Block print_defaults(const std::string& keyword, const cib::NvSet& set);

}  // namespace crm::syntax::detail
