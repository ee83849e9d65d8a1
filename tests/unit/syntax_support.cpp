// Helpers for the syntax tests: running crmsh (the oracle) on temporary CIB
// files, and normalising texts and XML for comparison. Declared again where
// used (namespace syntax_test) to keep them in this suite's own files.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crm/xml/xml_node.h"

namespace syntax_test {

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    REQUIRE(out.good());
}

// A fresh directory, removed with everything in it when this goes away.
struct TempDir {
    std::string path;
    TempDir() {
        char tmpl[] = "/tmp/vigil-syntax-XXXXXX";
        char* p = mkdtemp(tmpl);
        REQUIRE(p != nullptr);
        path = p;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

struct Run {
    int status = -1;
    std::string out;
};

// Runs a shell command, capturing stdout (stderr goes to `err_file`).
Run run(const std::string& command) {
    Run r;
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        r.out.append(buf, n);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

void require_crm() {
    // crmsh is a declared test dependency (scripts/packages/syntax.txt):
    // without it the comparison cannot run, which is a failure, not a skip.
    Run r = run("command -v crm");
    if (r.status != 0)
        FAIL("crm (crmsh) is not installed: run sh scripts/install-deps.sh");
}

// `crm configure show` for a whole <cib> document.
std::string crm_show(const crm::xml::Node& cib) {
    require_crm();
    TempDir dir;
    write_text(dir.path + "/cib.xml", crm::xml::to_string(cib));
    Run r = run("CIB_file='" + dir.path + "/cib.xml' crm configure show 2>'" + dir.path + "/err'");
    INFO("crm configure show stderr: " << read_text(dir.path + "/err"));
    REQUIRE(r.status == 0);
    REQUIRE(!r.out.empty());
    return r.out;
}

// crmsh's own reading of configure text: `load update` into an empty CIB,
// then `save xml`. (Its final commit to the file fails without a cluster;
// the saved copy is what counts.)
crm::xml::Node crm_load(const std::string& text) {
    require_crm();
    TempDir dir;
    write_text(dir.path + "/cib.xml",
               "<cib crm_feature_set=\"3.16.2\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
               "num_updates=\"0\" admin_epoch=\"0\"><configuration><crm_config/><nodes/>"
               "<resources/><constraints/></configuration><status/></cib>");
    write_text(dir.path + "/in.crm", text);
    write_text(dir.path + "/script", "configure\nload update " + dir.path + "/in.crm\nsave xml " +
                                         dir.path + "/out.xml\n");
    run("CIB_file='" + dir.path + "/cib.xml' crm < '" + dir.path + "/script' >'" + dir.path +
        "/log' 2>&1");
    std::ifstream saved(dir.path + "/out.xml");
    INFO("crm log: " << read_text(dir.path + "/log"));
    REQUIRE(saved.good());
    auto doc = crm::xml::parse(read_text(dir.path + "/out.xml"));
    REQUIRE(doc.ok());
    const crm::xml::Node* conf = doc->first_child("configuration");
    REQUIRE(conf != nullptr);
    return *conf;
}

// One line per object: continuation lines joined, runs of blanks made one
// (crmsh 4.4 indents continuations with a tab, Vigil with four spaces).
std::vector<std::string> normalise_show(const std::string& text) {
    std::string joined;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            joined += ' ';
            continue;
        }
        joined += text[i];
    }
    std::vector<std::string> lines;
    std::istringstream in(joined);
    std::string line;
    while (std::getline(in, line)) {
        std::string out;
        bool blank = false;
        for (char ch : line) {
            if (ch == ' ' || ch == '\t') {
                blank = true;
                continue;
            }
            if (blank && !out.empty())
                out += ' ';
            blank = false;
            out += ch;
        }
        if (!out.empty())
            lines.push_back(out);
    }
    return lines;
}

// Looser still, for CIBs whose XML order Vigil's model does not keep:
// within one object the params/meta/utilization/op sections are put in a
// fixed order (ops keep theirs) and the name=value words inside each
// section sorted, since crmsh prints both in the XML's order.
std::vector<std::string> normalise_show_loose(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& line : normalise_show(text)) {
        std::vector<std::string> words;
        std::string w;
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            char ch = line[i];
            if (ch == '"')
                quoted = !quoted;
            if (ch == '\\' && quoted && i + 1 < line.size()) {
                w += ch;
                w += line[++i];
                continue;
            }
            if (ch == ' ' && !quoted) {
                if (!w.empty())
                    words.push_back(w);
                w.clear();
                continue;
            }
            w += ch;
        }
        if (!w.empty())
            words.push_back(w);
        static const std::map<std::string, int> section = {{"params", 0},     {"attributes", 0},
                                                           {"meta", 1},       {"utilization", 2},
                                                           {"operations", 3}, {"op", 3}};
        std::string head;
        std::vector<std::pair<int, std::vector<std::string>>> parts;
        for (const auto& word : words) {
            auto it = section.find(word);
            if (it != section.end()) {
                parts.push_back({it->second, {word}});
            } else if (parts.empty()) {
                head += (head.empty() ? "" : " ") + word;
            } else {
                parts.back().second.push_back(word);
            }
        }
        for (auto& [rank, part] : parts) {
            std::size_t fixed = part[0] == "op" ? std::min<std::size_t>(2, part.size()) : 1;
            std::sort(part.begin() + static_cast<long>(fixed), part.end());
        }
        std::stable_sort(parts.begin(), parts.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [rank, part] : parts)
            for (const auto& word : part)
                head += " " + word;
        out.push_back(head);
    }
    return out;
}

namespace {

int child_rank(const std::string& name) {
    static const std::map<std::string, int> rank = {
        {"instance_attributes", 0}, {"meta_attributes", 1}, {"utilization", 2},
        {"operations", 3},          {"primitive", 4},       {"group", 4}};
    auto it = rank.find(name);
    return it == rank.end() ? 5 : it->second;
}

int section_rank(const std::string& name) {
    static const std::vector<std::string> order = {"crm_config",  "nodes",        "resources",
                                                   "constraints", "rsc_defaults", "op_defaults"};
    auto it = std::find(order.begin(), order.end(), name);
    return static_cast<int>(it - order.begin());
}

void sort_by_id(crm::xml::Node& n) {
    std::stable_sort(n.children.begin(), n.children.end(),
                     [](const auto& a, const auto& b) { return a.attr("id") < b.attr("id"); });
}

void strip(crm::xml::Node& n, bool strip_ids, const std::string& parent) {
    static const std::vector<std::string> generated = {
        "nvpair", "instance_attributes", "meta_attributes", "utilization", "op", "operations",
        "rule",   "expression",          "date_expression", "resource_set"};
    bool named_set =
        n.name == "meta_attributes" && (parent == "rsc_defaults" || parent == "op_defaults");
    // An nvpair without a value and one with value="" mean the same.
    if (n.name == "nvpair" && !n.has_attr("value"))
        n.set_attr("value", "");
    if (strip_ids && !named_set &&
        std::find(generated.begin(), generated.end(), n.name) != generated.end())
        n.remove_attr("id");
    // Defaults written out and left out mean the same: boolean-op "and" (or
    // any boolean-op on a rule of one expression), sequential and
    // require-all "true" on a set.
    if (n.name == "rule") {
        std::size_t terms = 0;
        for (const auto& c : n.children)
            terms += c.is_comment() ? 0 : 1;
        if (n.attr("boolean-op") == "and" || terms <= 1)
            n.remove_attr("boolean-op");
    }
    if (n.name == "resource_set") {
        if (n.attr("sequential") == "true")
            n.remove_attr("sequential");
        if (n.attr("require-all") == "true")
            n.remove_attr("require-all");
    }
    if (n.name == "primitive" || n.name == "group" || n.name == "clone" || n.name == "master" ||
        n.name == "node")
        std::stable_sort(n.children.begin(), n.children.end(), [](const auto& a, const auto& b) {
            return child_rank(a.name) < child_rank(b.name);
        });
    if (n.name == "nodes" || n.name == "resources" || n.name == "constraints" ||
        n.name == "crm_config" || n.name == "rsc_defaults" || n.name == "op_defaults")
        sort_by_id(n);
    n.children.erase(std::remove_if(n.children.begin(), n.children.end(),
                                    [](const auto& c) {
                                        return c.is_comment() ||
                                               (c.name == "operations" && c.children.empty());
                                    }),
                     n.children.end());
    for (auto& c : n.children)
        strip(c, strip_ids, n.name);
}

}  // namespace

// A <configuration> in a form where two readings of the same text compare
// equal: sections, resources and constraints in a fixed order, and (with
// strip_ids) without the ids crmsh generates and does not show.
crm::xml::Node normalise_config(const crm::xml::Node& conf, bool strip_ids) {
    crm::xml::Node n = crm::xml::canonical(conf);
    std::stable_sort(n.children.begin(), n.children.end(), [](const auto& a, const auto& b) {
        return section_rank(a.name) < section_rank(b.name);
    });
    // An empty section says nothing: <rsc_defaults/> and no rsc_defaults
    // are the same configuration.
    n.children.erase(
        std::remove_if(n.children.begin(), n.children.end(),
                       [](const auto& c) { return c.children.empty() && c.attributes.empty(); }),
        n.children.end());
    strip(n, strip_ids, "");
    return crm::xml::canonical(n);
}

}  // namespace syntax_test
