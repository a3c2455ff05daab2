"""Session fixtures that build tiny real models (SentencePiece + Marian/BART) in seconds."""
