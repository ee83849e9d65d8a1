#pragma once
// The crm shell's "configure" language (what `crm configure show` prints and
// `crm configure load` reads), read into the CIB's <configuration> XML and
// printed from the typed model.
//
// Reader: node, primitive (params/meta/utilization/op with op_params and
// op_meta), group, clone, ms, location (score and node, or rules), order,
// colocation (plain and with resource sets), property, rsc_defaults,
// op_defaults, and `xml <element .../>` for anything else. Ids it has to
// invent follow crmsh's conventions ("R-instance_attributes",
// "R-instance_attributes-NAME", "R-monitor-30s", "L-rule-expression",
// "O-0" for sets, "cib-bootstrap-options-NAME"), made unique by appending
// "-0", "-1", ... as crmsh does.
//
// Printer: the layout of `crm configure show`: nodes, primitives, groups,
// ms, clones, constraints (sorted by id), `xml` elements, property,
// rsc_defaults, op_defaults; each kind sorted by id; continuation lines
// joined with " \\\n    " (crmsh 4.4 indents with a tab; comparisons treat
// the two alike). Values are quoted unless made only of letters, digits,
// '.', '_' and '-'.
//
// What the printer cannot express in the language (rules or scores on
// attribute sets, nested rules, rsc-pattern or set locations, id-refs,
// set-level kind/score/ordered, top-level require-all, colocation
// influence) is an error naming the element: it never prints a lossy text.
#include <string>
#include <string_view>

#include "crm/cib/cib.h"
#include "crm/common/result.h"
#include "crm/xml/xml_node.h"

namespace crm::syntax {

// Reads configure text into a <configuration> element. All or nothing: an
// error says "line L, column C: problem" and no XML is returned.
Result<xml::Node> parse_configure(std::string_view text);

// Prints the configuration held by the model. Elements the model does not
// hold (cib.configuration.unsupported) make this fail, naming them; use the
// overload below to carry them over as `xml` lines.
Result<std::string> print_configure(const cib::Cib& cib);

// As above, and prints each element listed in cib.configuration.unsupported
// as `xml <element .../>` taken from the CIB's XML (which parse_configure
// puts back where it belongs).
Result<std::string> print_configure(const cib::Cib& cib, const xml::Node& cib_xml);

// Wraps a <configuration> into a minimal <cib> document with an empty
// <status/>, as tools that read a CIB file expect.
xml::Node wrap_in_cib(xml::Node configuration);

}  // namespace crm::syntax
