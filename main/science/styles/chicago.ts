import { CONTAINER_MACROS, cslStyle } from './common';

/// Chicago author-date: "(Smith and Doe 2020, 4)", sorted by author then year.
export const CHICAGO_AUTHOR_DATE = cslStyle({
  id: 'chicago-author-date',
  title: 'Chicago Manual of Style (author-date)',
  cls: 'in-text',
  body: `${CONTAINER_MACROS}
  <macro name="author-short">
    <names variable="author"><name form="short" and="text" delimiter=", " et-al-min="4" et-al-use-first="1"/></names>
  </macro>
  <macro name="year"><date variable="issued"><date-part name="year"/></date></macro>
  <citation et-al-min="4" et-al-use-first="1" disambiguate-add-year-suffix="true" disambiguate-add-names="true" disambiguate-add-givenname="true">
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=", ">
        <group delimiter=" "><text macro="author-short"/><text macro="year"/></group>
        <text variable="locator"/>
      </group>
    </layout>
  </citation>
  <bibliography hanging-indent="true" et-al-min="11" et-al-use-first="7" entry-spacing="0">
    <sort><key macro="author-short"/><key variable="issued"/></sort>
    <layout suffix=".">
      <group delimiter=". ">
        <names variable="author">
          <name and="text" name-as-sort-order="first" sort-separator=", " delimiter=", " delimiter-precedes-last="always"/>
        </names>
        <text macro="year"/>
        <choose>
          <if type="book"><text variable="title" font-style="italic" text-case="title"/><text variable="publisher"/></if>
          <else>
            <text variable="title" quotes="true" text-case="title"/>
            <group delimiter=": ">
              <group delimiter=" "><text variable="container-title" font-style="italic"/><text variable="volume"/></group>
              <text variable="page"/>
            </group>
          </else>
        </choose>
        <text macro="doi-or-url"/>
      </group>
    </layout>
  </bibliography>`,
});
