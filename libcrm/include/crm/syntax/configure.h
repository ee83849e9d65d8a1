#pragma once
// The crm shell's "configure" language (what `crm configure show` prints and
// `crm configure load` reads), read into the CIB's <configuration> XML and
// printed from the typed model.
//
// Reader: node (ID: NAME[:TYPE], description=, attributes, utilization),
// primitive (CLASS:PROVIDER:TYPE, CLASS:TYPE, or a bare TYPE meaning
// ocf:heartbeat:TYPE; description=, params, meta, utilization, op with
// op_params/op_meta, any op name=value that is not an op attribute such as
// OCF_CHECK_LEVEL being an op instance attribute, operations $id=), group,
// clone, ms, location (SCORE: NODE, or rules with $role=, and/or,
// defined/not_defined, [TYPE:]lt/gt/lte/gte/eq/ne, date gt/lt/in), order
// (KIND: or SCORE:, RSC[:ACTION], symmetrical=, require-all=), colocation
// (SCORE:, RSC[:ROLE], node-attribute=), resource sets in ( ) and [ ] with
// sequential=/require-all= inside, property/rsc_defaults/op_defaults
// [SETID:], and `xml <element .../>` for anything else. Comments are lines
// starting with '#'; a trailing backslash continues a statement; values may
// be quoted with " (backslash escapes) or '. Ids it has to invent follow
// crmsh's conventions ("R-instance_attributes", "R-instance_attributes-NAME",
// "R-monitor-30s", "L-rule", "L-rule-expression", "O-0" for sets,
// "cib-bootstrap-options-NAME"), made unique by appending "-0", "-1", ... as
// crmsh does; the tests check the XML equals crmsh's own reading, ids
// included.
//
// Printer: the layout of `crm configure show`: nodes, primitives, groups,
// ms, clones, constraints (all kinds together), `xml` lines, property,
// rsc_defaults, op_defaults, each kind sorted by id; continuation lines
// joined with " \\\n    " (crmsh 4.4 indents with a tab; the tests treat the
// two alike). Within an object: params, meta, utilization, then ops (crmsh
// follows the XML's order, which the model does not keep). Values are
// quoted unless made only of letters, digits, '.', '_' and '-'.
//
// What the language cannot say (attribute sets with rules or scores, nested
// rules, rules other than node-attribute and date gt/lt/in expressions,
// rsc-pattern or set locations, kind/score/ordered on a set, colocation
// influence, templated primitives inside groups or clones) and what the XML
// holds beyond the typed model (a group's instance_attributes, a set's
// "ordering", any attribute the model has no field for) is never printed
// lossily: given the CIB's XML, the whole top-level object is printed as an
// `xml <...>` line in its place, as crmsh does; from the model alone it is
// an error naming the element.
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
// hold (cib.configuration.unsupported) or the language cannot say make this
// fail, naming them; the overload below carries them over as `xml` lines.
Result<std::string> print_configure(const cib::Cib& cib);

// As above, but whatever the first overload refuses is printed as
// `xml <element .../>` taken from the CIB's XML (parse_configure puts it back
// where it belongs). `cib` must be unpack(cib_xml).
Result<std::string> print_configure(const cib::Cib& cib, const xml::Node& cib_xml);

// Wraps a <configuration> into a minimal <cib> document with an empty
// <status/>, as tools that read a CIB file expect.
xml::Node wrap_in_cib(xml::Node configuration);

}  // namespace crm::syntax
