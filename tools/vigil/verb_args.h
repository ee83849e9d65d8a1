#pragma once
// What every `vigil COMMAND VERB ...` does with its words before the verb's
// own work: the shared options and --help out, the verb picked, NAME=VALUE
// lists read, and one edit applied to each of several items. One place, so
// the commands answer alike (same messages, same exit codes).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli.h"
#include "crm/common/result.h"
#include "crm/edit/common.h"
#include "crm/xml/xml_node.h"

namespace vigil {

struct VerbCall {
    CommonOptions common;
    std::string verb;               // "" when none was given (and none is required)
    std::vector<std::string> args;  // the words after the verb
};

enum class Verb { required, optional };

// Takes the shared options (take_common_options) and the verb out of a
// command's words into *call. Returns an exit code when the call is already
// answered: --help prints the usage (0); a bad option is a usage error; a
// missing required verb prints the usage (2). nullopt: carry on.
std::optional<int> begin_verb(const std::vector<std::string>& all, const char* usage, Verb verb,
                              VerbCall& call);

// NAME=VALUE words into *out. The first word that is not one is a usage
// error, printed, and its exit code returned; nullopt when all were pairs.
std::optional<int> read_pairs(const std::vector<std::string>& words, const char* usage,
                              crm::edit::NvList& out);

// Loads the CIB (daemon or CIB_file) and prints render(cib): the listing
// verbs (constraint list, property list, config). Returns the exit code.
int print_cib_text(std::string (*render)(const crm::xml::Node& cib));

// Applies step(cib, item) for each item in turn; the first refusal is the
// result (and nothing of the earlier steps survives it).
template <class Item, class Step>
crm::Result<crm::xml::Node> apply_each(const crm::xml::Node& cib, const std::vector<Item>& items,
                                       Step&& step) {
    crm::xml::Node out = cib;
    for (const auto& item : items) {
        auto next = step(out, item);
        if (!next)
            return next;
        out = std::move(*next);
    }
    return out;
}

}  // namespace vigil
