"""po_set.py FILE.po JSON: set msgstr for msgids (dict msgid -> msgstr), drop fuzzy flags and previous-msgid comments."""
import json, re, sys
path, mapping = sys.argv[1], json.load(open(sys.argv[2]))
text = open(path, encoding="utf-8").read()
blocks = text.split("\n\n")
def esc(s): return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
out = []
for b in blocks:
    lines = b.split("\n")
    m = re.search(r'^msgid "(.*?)"\n((?:".*"\n?)*)', b + "\n", re.M)
    if m:
        msgid = m.group(1) + "".join(re.findall(r'^"(.*)"$', m.group(2), re.M))
        msgid = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8") if "\\" in msgid else msgid
        if msgid in mapping and "msgid_plural" not in b:
            keep = [l for l in lines if l.startswith("#") and not l.startswith("#|") and "fuzzy" not in l]
            keep.append(f'msgid "{esc(msgid)}"')
            keep.append(f'msgstr "{esc(mapping[msgid])}"')
            b = "\n".join(keep)
    out.append(b)
open(path, "w", encoding="utf-8").write("\n\n".join(out))
