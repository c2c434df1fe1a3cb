// Kept apart from the page so the navigation can ask without loading it.

/**
 * 自己申告 is written by staff subject to transfer (policy 7(3)③), so not by 会計年度任用職員; the server
 * refuses them too. HR staff keep the page for its window panel.
 */
export function hasDeclarationPage(me: { employmentType: string; roles: readonly string[] }): boolean {
  return me.employmentType !== 'fiscalYear' || me.roles.includes('hr');
}
