import { CONTAINER_MACROS, cslStyle } from './common';

/// IEEE: numbered in order of first citation, "[1]", "[2, p. 4]".
export const IEEE = cslStyle({
  id: 'ieee',
  title: 'IEEE',
  cls: 'in-text',
  body: `${CONTAINER_MACROS}
  <macro name="author">
    <names variable="author">
      <name and="text" delimiter=", " delimiter-precedes-last="contextual" initialize-with=". " name-as-sort-order="" et-al-min="7" et-al-use-first="1"/>
      <et-al font-style="italic"/>
    </names>
  </macro>
  <macro name="locators">
    <group delimiter=", ">
      <text variable="volume" prefix="vol. "/>
      <text variable="issue" prefix="no. "/>
      <text variable="page" prefix="pp. "/>
    </group>
  </macro>
  <citation collapse="citation-number">
    <sort><key variable="citation-number"/></sort>
    <layout delimiter=", ">
      <group prefix="[" suffix="]" delimiter=", ">
        <text variable="citation-number"/>
        <group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group>
      </group>
    </layout>
  </citation>
  <bibliography entry-spacing="0" second-field-align="flush">
    <layout suffix=".">
      <text variable="citation-number" prefix="[" suffix="]"/>
      <group delimiter=", ">
        <text macro="author"/>
        <choose>
          <if type="book" match="any">
            <text variable="title" font-style="italic"/>
            <text variable="publisher-place"/>
            <text variable="publisher"/>
            <date variable="issued"><date-part name="year"/></date>
          </if>
          <else>
            <text variable="title" quotes="true"/>
            <text variable="container-title" font-style="italic"/>
            <text macro="locators"/>
            <date variable="issued"><date-part name="month" form="short" suffix=" " strip-periods="false"/><date-part name="year"/></date>
          </else>
        </choose>
        <choose><if variable="DOI"><text variable="DOI" prefix="doi: "/></if><else-if variable="URL"><text variable="URL" prefix="Available: "/></else-if></choose>
      </group>
    </layout>
  </bibliography>`,
});
