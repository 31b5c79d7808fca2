# cmake -P GzipFile.cmake -DIN=<file in the working directory> -DOUT=<file.gz>
file(ARCHIVE_CREATE OUTPUT "${OUT}" PATHS "${IN}" FORMAT raw COMPRESSION GZip COMPRESSION_LEVEL 9
     MTIME 0)
