import { CONTAINER_MACROS, cslStyle } from './common';

/// Nature: superscript numbers in order of first citation.
export const NATURE = cslStyle({
  id: 'nature',
  title: 'Nature',
  cls: 'in-text',
  body: `${CONTAINER_MACROS}
  <citation collapse="citation-number">
    <sort><key variable="citation-number"/></sort>
    <layout vertical-align="sup" delimiter=",">
      <text variable="citation-number"/>
    </layout>
  </citation>
  <bibliography second-field-align="flush" et-al-min="6" et-al-use-first="1">
    <layout>
      <text variable="citation-number" suffix="."/>
      <group delimiter=" ">
        <names variable="author" suffix=".">
          <name and="symbol" delimiter=", " delimiter-precedes-last="never" initialize-with=". " name-as-sort-order="all" sort-separator=", "/>
          <et-al font-style="italic"/>
        </names>
        <text variable="title" suffix="."/>
        <group delimiter=" ">
          <text variable="container-title" font-style="italic"/>
          <text variable="volume" font-weight="bold" suffix=","/>
          <text variable="page"/>
          <date variable="issued" prefix="(" suffix=")."><date-part name="year"/></date>
        </group>
        <text macro="doi-or-url"/>
      </group>
    </layout>
  </bibliography>`,
});
