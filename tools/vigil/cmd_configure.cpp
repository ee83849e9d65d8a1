// vigil configure show [xml] | load replace|update FILE|- | edit
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "config_text.h"
#include "crm/edit/config_edit.h"
#include "verb_args.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil configure VERB ...\n"
    "  show [xml]                    the configuration in the crm configure language\n"
    "                                (or as XML)\n"
    "  load replace|update FILE|-    crm configure text or XML (<cib> or <configuration>);\n"
    "                                replace swaps the whole configuration, update merges\n"
    "                                by id\n"
    "  edit                          $EDITOR on the crm text; commits atomically if valid,\n"
    "                                else shows the error and keeps your text\n"
    "options: --dry-run, --wait[=SECONDS]\n";

int show(const std::vector<std::string>& args) {
    CibSource src;
    if (int rc = load_cib(src); rc != kExitOk)
        return rc;
    if (!args.empty() && args[0] == "xml") {
        const crm::xml::Node* conf = src.cib.first_child("configuration");
        std::printf("%s\n", conf ? crm::xml::to_string(*conf).c_str() : "<configuration/>");
        return kExitOk;
    }
    if (!args.empty())
        return usage_error("unexpected '" + args[0] + "'", kUsage);
    auto text = configure_text(src.cib);
    if (!text)
        return fail(kExitInvalidConfig, text.error() + " (use 'vigil configure show xml')");
    std::printf("%s", text->c_str());
    if (!text->empty() && text->back() != '\n')
        std::printf("\n");
    return kExitOk;
}

int load(const std::vector<std::string>& args, const CommonOptions& common) {
    if (args.size() != 2 || (args[0] != "replace" && args[0] != "update" && args[0] != "push"))
        return usage_error("write 'configure load replace|update FILE|-'", kUsage);
    std::string err;
    auto text = read_text(args[1], &err);
    if (!text)
        return fail(kExitNotFound, err);
    auto conf = read_configuration(*text);
    if (!conf)
        return fail(kExitInvalidConfig,
                    (args[1] == "-" ? std::string("stdin") : args[1]) + ": " + conf.error());
    bool replace = args[0] != "update";
    return run_change(common, [&](const crm::xml::Node& cib) {
        return replace ? crm::edit::replace_configuration(cib, *conf)
                       : crm::edit::update_configuration(cib, *conf);
    });
}

int run_editor(const std::string& path) {
    const char* editor = std::getenv("VISUAL");
    if (!editor || !*editor)
        editor = std::getenv("EDITOR");
    std::string ed = editor && *editor ? editor : "vi";
    pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        // Through sh so EDITOR may carry arguments ("emacs -nw"); the file
        // name is passed as $1, never spliced into the command text.
        ::setenv("VIGIL_EDITOR_CMD", ed.c_str(), 1);
        ::execl("/bin/sh", "sh", "-c", "exec $VIGIL_EDITOR_CMD \"$1\"", "sh", path.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int edit(const CommonOptions& common) {
    CibSource src;
    if (int rc = load_cib(src); rc != kExitOk)
        return rc;
    auto text = configure_text(src.cib);
    if (!text)
        return fail(kExitInvalidConfig, text.error());
    const char* tmpdir = std::getenv("TMPDIR");
    std::string path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/vigil-configure-XXXXXX";
    std::vector<char> buf(path.begin(), path.end());
    buf.push_back('\0');
    int fd = ::mkstemp(buf.data());
    if (fd < 0)
        return fail(kExitError,
                    "cannot create a temporary file: " + std::string(std::strerror(errno)));
    path = buf.data();
    bool ok = ::write(fd, text->data(), text->size()) == static_cast<ssize_t>(text->size());
    ::close(fd);
    if (!ok)
        return fail(kExitError, "cannot write " + path);
    if (int rc = run_editor(path); rc != 0) {
        std::fprintf(stderr, "vigil: the editor exited with %d; nothing changed (your text: %s)\n",
                     rc, path.c_str());
        return kExitError;
    }
    std::string err;
    auto edited = read_text(path, &err);
    if (!edited)
        return fail(kExitError, err);
    if (*edited == *text) {
        ::unlink(path.c_str());
        std::printf("no changes\n");
        return kExitOk;
    }
    auto conf = read_configuration(*edited);
    if (!conf)
        return fail(kExitInvalidConfig,
                    path + ": " + conf.error() + "\nnothing changed; your text is kept in " + path);
    int rc = run_change(common, [&](const crm::xml::Node& cib) {
        return crm::edit::replace_configuration(cib, *conf);
    });
    if (rc == kExitOk && !common.dry_run)
        ::unlink(path.c_str());
    else if (rc != kExitOk)
        std::fprintf(stderr, "vigil: nothing changed; your text is kept in %s\n", path.c_str());
    return rc;
}

int run_configure(const std::vector<std::string>& all) {
    VerbCall call;
    if (auto done = begin_verb(all, kUsage, Verb::optional, call))
        return *done;
    auto& [common, verb, args] = call;
    if (verb.empty())
        return usage_error("'configure' needs a verb", kUsage);
    if (verb == "show")
        return show(args);
    if (verb == "load")
        return load(args, common);
    if (verb == "edit")
        return edit(common);
    return usage_error("unknown verb 'configure " + verb + "'", kUsage);
}

const Registration reg{
    "configure", "the whole configuration in the crm language (crm configure ...)", &run_configure};

}  // namespace
}  // namespace vigil
