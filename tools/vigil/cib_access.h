#pragma once
// Where the CIB comes from and goes to: the file named by $CIB_file (as
// Pacemaker's tools do, for offline work and tests), or the local vigild.
#include <optional>
#include <string>

#include "crm/ipc/protocol.h"
#include "crm/xml/xml_node.h"

namespace vigil {

struct CibSource {
    crm::xml::Node cib;
    std::string file;                               // non-empty when working on $CIB_file
    std::optional<crm::ipc::ClusterStatus> status;  // from the daemon only
};

// The CIB_file path, or "" to use the daemon.
std::string cib_file_from_env();

// Loads the CIB (and, from the daemon, the membership snapshot when
// with_status). Prints the error and returns its exit code on failure, 0 on
// success.
int load_cib(CibSource& out, bool with_status = false);

// Writes `updated` (epoch bumped here) in place of `source.cib`. A file is
// replaced atomically (temp file, fsync, rename) and only if nobody changed
// it since it was read; the daemon is asked with expect-epoch. Returns an
// exit code, printing the error.
int save_cib(const CibSource& source, const crm::xml::Node& updated);

// Reads a whole file, or stdin for "-".
std::optional<std::string> read_text(const std::string& path, std::string* error);
// Atomic replace of a file's contents with the given mode.
bool write_file_atomic(const std::string& path, const std::string& content, unsigned mode,
                       std::string* error);

}  // namespace vigil
