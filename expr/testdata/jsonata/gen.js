// Generates expected results with jsonata-js (the reference implementation AWS runs, 2.0.6).
const jsonata=require('jsonata');
const fs=require('fs');
const spec=JSON.parse(fs.readFileSync(process.argv[2]));
(async()=>{
 const out={jsonata_version: require('jsonata/package.json').version, datasets: spec.datasets, cases: []};
 for(const c of spec.cases){
  const data = c.data===undefined? undefined : spec.datasets[c.data];
  let r;
  try{ const x=jsonata(c.expr); const v=await x.evaluate(data, c.bindings||{});
       r= v===undefined?{undefined:true}:{value:JSON.parse(JSON.stringify(v))}; }
  catch(err){ r={error:err.code||String(err)}; if(err.message) r.message=(err.code? err.code+': ':'')+err.message; }
  out.cases.push(Object.assign({}, c, r));
 }
 console.log(JSON.stringify(out,null,1));
})();
