#!/usr/bin/env python3
"""Validate the XML parts of a .docx against the ECMA-376/ISO 29500 transitional XSDs
(python-docx's ref/xsd copy) with libxml2 (lxml), after Markup Compatibility
processing (drop mc:Ignorable namespaces; flag non-ignorable unknown namespaces)."""
import sys, zipfile, re, io
from lxml import etree
import os
X=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'xsd') + '/'
ECMA_NS = {
 'http://schemas.openxmlformats.org/wordprocessingml/2006/main':'wml.xsd',
 'http://schemas.openxmlformats.org/drawingml/2006/main':'dml-main.xsd',
 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing':'dml-wordprocessingDrawing.xsd',
 'http://schemas.openxmlformats.org/drawingml/2006/picture':'dml-picture.xsd',
 'urn:schemas-microsoft-com:vml':'vml-main.xsd',
 'urn:schemas-microsoft-com:office:office':'vml-officeDrawing.xsd',
 'urn:schemas-microsoft-com:office:word':'vml-wordprocessingDrawing.xsd',
 'http://schemas.openxmlformats.org/officeDocument/2006/math':'shared-math.xsd',
 'http://schemas.openxmlformats.org/officeDocument/2006/relationships':'shared-relationshipReference.xsd',
 'http://schemas.openxmlformats.org/package/2006/content-types':'opc-xsd/opc-contentTypes.xsd',
 'http://schemas.openxmlformats.org/package/2006/relationships':'opc-xsd/opc-relationships.xsd',
 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties':'opc-xsd/opc-coreProperties.xsd',
 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties':'shared-documentPropertiesExtended.xsd',
 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties':'shared-documentPropertiesCustom.xsd',
 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes':'shared-documentPropertiesVariantTypes.xsd',
}
OTHER_OK = {'http://www.w3.org/XML/1998/namespace','http://www.w3.org/2001/XMLSchema-instance',
 'http://purl.org/dc/elements/1.1/','http://purl.org/dc/terms/','http://purl.org/dc/dcmitype/'}
MC='http://schemas.openxmlformats.org/markup-compatibility/2006'
def driver():
    # The driver schema imports every part's XSD by absolute path, so it can live in a temporary folder
    # (this folder may be read-only).
    import tempfile, pathlib
    imps=''.join(f'<xsd:import namespace="{ns}" schemaLocation="{pathlib.Path(X, loc).as_uri()}"/>' for ns,loc in ECMA_NS.items())
    with tempfile.NamedTemporaryFile('w', suffix='.xsd', delete=False) as f:
        f.write(f'<?xml version="1.0"?><xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:driver">{imps}</xsd:schema>')
    try:
        return etree.XMLSchema(etree.parse(f.name))
    finally:
        os.unlink(f.name)
def mce(root, notes):
    ign=set()
    for el in root.iter():
        v=el.get('{%s}Ignorable'%MC)
        if v:
            for p in v.split(): 
                ns=el.nsmap.get(p)
                if ns: ign.add(ns)
    # AlternateContent: keep Fallback children
    for ac in list(root.iter('{%s}AlternateContent'%MC)):
        fb=ac.find('{%s}Fallback'%MC); parent=ac.getparent(); i=parent.index(ac)
        parent.remove(ac)
        if fb is not None:
            for k,ch in enumerate(list(fb)): parent.insert(i+k,ch)
    for el in list(root.iter()):
        if not isinstance(el.tag,str): continue
        ns=etree.QName(el).namespace
        if ns in ign: el.getparent().remove(el); continue
        for a in list(el.attrib):
            ans=etree.QName(a).namespace
            if ans==MC or ans in ign: del el.attrib[a]
            elif ans and ans not in ECMA_NS and ans not in OTHER_OK: notes.append(f'non-ignorable unknown attribute namespace {ans} on {el.tag}')
        if ns and ns not in ECMA_NS and ns not in OTHER_OK and ns!=MC: notes.append(f'non-ignorable unknown element namespace {ns}: {el.tag}')
    return ign
def main(path, schema):
    z=zipfile.ZipFile(path)
    total=0
    for name in z.namelist():
        if not (name.endswith('.xml') or name.endswith('.rels')): continue
        data=z.read(name)
        notes=[]
        try:
            root=etree.fromstring(data)
        except etree.XMLSyntaxError as e:
            print(f'{name}: NOT WELL-FORMED: {e}'); total+=1; continue
        rootns=etree.QName(root).namespace
        if rootns not in ECMA_NS:
            print(f'{name}: root {root.tag} not covered by the XSD set (skipped)'); continue
        ign=mce(root,notes)
        ok=schema.validate(etree.ElementTree(root))
        errs=[] if ok else [f'  line {e.line}: {e.message}' for e in schema.error_log]
        total+=len(errs)+len(notes)
        print(f'{name}: {"VALID" if ok and not notes else "INVALID"} (ignorable stripped: {sorted(p.rsplit("/",1)[-1] for p in ign)})')
        for n in sorted(set(notes))[:10]: print('  MCE:',n)
        for e in errs[:25]: print(e)
        if len(errs)>25: print(f'  ... {len(errs)-25} more')
    print('TOTAL problems:',total)
    return total
if __name__=='__main__':
    bad=0
    schema=driver()  # built once: loading the XSD set takes longer than checking a file
    for p in sys.argv[1:]:
        print('=====',p); bad+=main(p, schema)
    sys.exit(1 if bad else 0)
