-- classification hints: HS codes, full-text search, parameter tests
SET search_path = screen, public;
\pset null '(null)'

-- 3A090.a: a TPP of 5000 meets 3A090.a.1; the a.2 test reports the missing
-- performance density instead of assuming it
SELECT code, round(confidence::numeric, 2) AS confidence,
       jsonb_path_query_array(evidence, '$[*] ? (@.source == "parameters")') AS parameter_tests
  FROM screen.classify('AI accelerator integrated circuit', '8542.31', '{"total_processing_performance": 5000}')
 WHERE code <@ '3A090';
-- below the threshold: still a candidate from the HS code, threshold not met
SELECT code, jsonb_path_query_array(evidence, '$[*] ? (@.source == "parameters").result') AS results
  FROM screen.classify(NULL, '854231', '{"total_processing_performance": 1000, "performance_density": 1}')
 WHERE code <@ '3A090';
-- HS prefix matching: HS-6, CN-8 and HTS-10 forms give the same HS candidates
SELECT h, array_agg(code ORDER BY code) FILTER (WHERE evidence @> '[{"source": "hs_code"}]') AS hs_candidates
  FROM unnest(ARRAY['851762', '8517.62.00', '8517.62.0090']) h, screen.classify(NULL, h)
 GROUP BY h ORDER BY h;
-- CHPL tier in the evidence
SELECT DISTINCT e->>'tier' AS tier FROM screen.classify(NULL, '8542.39'), jsonb_array_elements(evidence) e
 WHERE e->>'source' = 'chpl';
-- full-text search over headings and provisions
SELECT code FROM screen.classify('information security encryption equipment') ORDER BY confidence DESC, code LIMIT 3;
SELECT code FROM screen.classify('spacecraft') ORDER BY confidence DESC, code LIMIT 2;
-- nothing found: never "not controlled"
SELECT code, confidence, evidence FROM screen.classify('a wooden kitchen chair');
-- bad input names the argument
SELECT * FROM screen.classify('chip', '85423');
SELECT * FROM screen.classify('chip', '8542.3x');
SELECT * FROM screen.classify('chip', NULL, '[1, 2]');
SELECT * FROM screen.classify('chip', NULL, '{"total_processing_performance": "high"}');
SELECT * FROM screen.classify(NULL, NULL, NULL);
