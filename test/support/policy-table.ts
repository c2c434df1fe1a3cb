// The policy's table (section 6(2)), typed in by hand from the printed policy, one string per row in
// the order 部長級 課長級 課長補佐級 係長級 主任級 主事級 会計年度任用職員; "_" is a blank cell.
export const POLICY_TABLE: Array<[string, string, string]> = [
  ['explanation', '説明・説得力', '●●●●●●○'],
  ['planning', '企画・調整力', '●●●●●●_'],
  ['problemSolving', '解決・判断力', '●●●●●●○'],
  ['leadership', '統率力', '●●●●___'],
  ['peopleDevelopment', '人財育成力', '●●●●___'],
  ['organizationalSupport', '組織支援力', '※※●●●__'],
  ['cooperation', '協調性', '※※※●●●○'],
  ['initiative', '積極性・責任感', '●●●●●●○'],
  ['aspiration', '向上心', '※※※●●●○'],
  ['discipline', '規律性', '※※※●●●○'],
];
export const LEVELS = ['bucho', 'kacho', 'kachoHosa', 'kakaricho', 'shunin', 'shuji', 'kaikeiNendo'];
export const SYMBOLS: Record<string, string> = {
  '●': 'evaluated',
  '※': 'maintain',
  '○': 'parttime',
  _: 'none',
};
