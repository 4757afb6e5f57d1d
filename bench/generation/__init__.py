"""The synthetic benchmark data of bench.generate: its vocabulary, the wijken it is spread
over, and the COPY writers of organisations, places, activities and occurrences."""
